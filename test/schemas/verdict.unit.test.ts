/**
 * The verdict (schemas/verdict.ts) on the boundaries of every rule, table
 * driven: exactly two thirds and one short of it, ties, abstentions in and
 * out of the base, quorum one below and at the threshold, units against
 * heads, a choice's absolute majority missed (a run-off) and its ties by
 * lot and by the chair; and the rules a creation is refused for. The
 * run-off's pair: runoff.unit.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { decide, type Tallies } from '../../schemas/verdict.js';
import { heads, rules, yna } from './verdictFixtures.js';
import { RulesInput, rulesProblem, type Rules } from '../../schemas/rules.js';
import type { ElectionKind } from '../../schemas/common.js';

type Row = [
  name: string,
  kind: ElectionKind,
  r: Rules,
  t: Tallies,
  expect: { outcome: string; required?: number | null; base?: number; elected?: string[] },
];
const table: Row[] = [
  [
    'two thirds, exactly',
    'yes_no_abstain',
    rules({ majority: 'two_thirds' }),
    heads(yna(200, 100, 9)),
    { outcome: 'carried', required: 200, base: 300 },
  ],
  [
    'two thirds, one short',
    'yes_no_abstain',
    rules({ majority: 'two_thirds' }),
    heads(yna(199, 101, 0)),
    { outcome: 'rejected', required: 200 },
  ],
  [
    'two thirds of 301 needs 201',
    'yes_no_abstain',
    rules({ majority: 'two_thirds' }),
    heads(yna(200, 101, 0)),
    { outcome: 'rejected', required: 201 },
  ],
  [
    'simple: a tie does not carry',
    'yes_no_abstain',
    rules({ majority: 'simple' }),
    heads(yna(50, 50, 10)),
    { outcome: 'rejected', required: 51 },
  ],
  [
    'simple: one more carries',
    'yes_no_abstain',
    rules({ majority: 'simple' }),
    heads(yna(51, 50, 900)),
    { outcome: 'carried', required: 51 },
  ],
  [
    'absolute, abstentions out of the base',
    'yes_no_abstain',
    rules({ majority: 'absolute' }),
    heads(yna(60, 40, 30)),
    { outcome: 'carried', required: 51, base: 100 },
  ],
  [
    'absolute, abstentions in the base',
    'yes_no_abstain',
    rules({ majority: 'absolute', base: 'votes_and_abstentions' }),
    heads(yna(60, 40, 30)),
    { outcome: 'rejected', required: 66, base: 130 },
  ],
  [
    'absolute of exactly half is not enough',
    'yes_no_abstain',
    rules({ majority: 'absolute', base: 'votes_and_abstentions' }),
    heads(yna(65, 35, 30)),
    { outcome: 'rejected', required: 66 },
  ],
  [
    'a custom 3/5 of the entitled',
    'yes_no_abstain',
    rules({ majority: { num: 3, den: 5 }, base: 'entitled' }),
    heads(yna(600, 0, 0), { entitled: 1000 }),
    { outcome: 'carried', required: 600, base: 1000 },
  ],
  [
    'a custom 3/5 of the entitled, one short',
    'yes_no_abstain',
    rules({ majority: { num: 3, den: 5 }, base: 'entitled' }),
    heads(yna(599, 0, 0), { entitled: 1000 }),
    { outcome: 'rejected', required: 600 },
  ],
  [
    'absolute of those present',
    'yes_no_abstain',
    rules({ majority: 'absolute', base: 'present' }),
    heads(yna(155, 100, 20), { present: 309 }),
    { outcome: 'carried', required: 155, base: 309 },
  ],
  [
    'no votes at all never carries',
    'yes_no_abstain',
    rules({ majority: 'absolute' }),
    heads(yna(0, 0, 0)),
    { outcome: 'rejected', required: 1, base: 0 },
  ],
  [
    'quorum of present, one below',
    'yes_no_abstain',
    rules({ majority: 'simple', quorum: { measure: 'present', atLeast: 207 } }),
    heads(yna(150, 10, 0), { present: 206, entitled: 412 }),
    { outcome: 'no_quorum' },
  ],
  [
    'quorum of present, at it',
    'yes_no_abstain',
    rules({ majority: 'simple', quorum: { measure: 'present', atLeast: 207 } }),
    heads(yna(150, 10, 0), { present: 207, entitled: 412 }),
    { outcome: 'carried' },
  ],
  [
    'quorum half of the entitled voting, one below',
    'yes_no_abstain',
    rules({ majority: 'simple', quorum: { measure: 'voted', atLeast: { num: 1, den: 2, of: 'entitled' } } }),
    heads(yna(100, 5, 100), { entitled: 412 }),
    { outcome: 'no_quorum' },
  ],
  [
    'quorum half of the entitled voting, at it',
    'yes_no_abstain',
    rules({ majority: 'simple', quorum: { measure: 'voted', atLeast: { num: 1, den: 2, of: 'entitled' } } }),
    heads(yna(100, 6, 100), { entitled: 412 }),
    { outcome: 'carried' },
  ],
  [
    'a choice: no absolute majority, a run-off',
    'single',
    rules({ majority: 'absolute' }),
    heads({ a: 40, b: 35, c: 25 }),
    { outcome: 'no_majority', required: 51, base: 100, elected: [] },
  ],
  [
    'a choice: an absolute majority',
    'single',
    rules({ majority: 'absolute' }),
    heads({ a: 51, b: 29, c: 20 }),
    { outcome: 'elected', required: 51, elected: ['a'] },
  ],
  [
    'a choice: the most votes',
    'single',
    rules({ majority: 'simple' }),
    heads({ a: 40, b: 41, c: 19 }),
    { outcome: 'elected', required: null, elected: ['b'] },
  ],
  [
    'a choice: tied, the chair decides',
    'single',
    rules({ majority: 'simple' }),
    heads({ a: 40, b: 40, c: 20 }),
    { outcome: 'tie', elected: [] },
  ],
  [
    'a choice: tied, the lot decides',
    'single',
    rules({ majority: 'simple', tieBreak: 'lot' }),
    heads({ a: 40, b: 40, c: 20 }),
    { outcome: 'elected', elected: ['b'] },
  ],
  [
    'two seats: one sure, two tied for the other, the chair',
    'multi',
    rules({ majority: 'simple' }),
    heads({ a: 10, b: 8, c: 8, d: 1 }, { voted: 14 }),
    { outcome: 'tie', elected: ['a'] },
  ],
  [
    'two seats: one sure, two tied, the lot',
    'multi',
    rules({ majority: 'simple', tieBreak: 'lot' }),
    heads({ a: 10, b: 8, c: 8, d: 1 }, { voted: 14 }),
    { outcome: 'elected', elected: ['a', 'b'] },
  ],
  [
    'two seats: absolute of the voters',
    'multi',
    rules({ majority: 'absolute' }),
    heads({ a: 10, b: 8, c: 7, d: 1 }, { voted: 14 }),
    { outcome: 'elected', required: 8, base: 14, elected: ['a', 'b'] },
  ],
];

test('every rule at its boundaries', () => {
  for (const [name, kind, r, t, expect] of table) {
    const got = decide(kind, 2, r, t, ['b', 'c', 'a', 'd']);
    assert.equal(got.outcome, expect.outcome, name);
    if ('required' in expect) assert.equal(got.required, expect.required, `${name}: required`);
    if (expect.base !== undefined) assert.equal(got.base, expect.base, `${name}: base`);
    if (expect.elected) assert.deepEqual(got.elected, expect.elected, `${name}: elected`);
  }
});

test('units against heads in a weighted vote: three heavy delegates outweigh five light ones', () => {
  const t: Tallies = {
    options: [
      { option: 'yes', members: 3, units: 300 },
      { option: 'no', members: 5, units: 100 },
      { option: 'abstain', members: 1, units: 1 },
    ],
    voted: { members: 9, units: 401 },
    entitled: { members: 12, units: 500 },
    present: null,
  };
  const byUnits = decide('yes_no_abstain', 1, rules({ majority: 'simple' }, true), t);
  assert.deepEqual([byUnits.by, byUnits.outcome, byUnits.base, byUnits.required], ['units', 'carried', 400, 101]);
  const byHeads = decide('yes_no_abstain', 1, rules({ majority: 'simple', by: 'members' }, true), t);
  assert.deepEqual([byHeads.by, byHeads.outcome, byHeads.base, byHeads.required], ['members', 'rejected', 8, 6]);
  // A quorum in units: 250 of 500 entitled units voting; 401 did.
  const quorate = decide(
    'yes_no_abstain',
    1,
    rules({ majority: 'simple', quorum: { measure: 'voted', atLeast: { num: 1, den: 2, of: 'entitled' } } }, true),
    t,
  );
  assert.deepEqual(quorate.quorum, { measure: 'voted', required: 250, reached: 401, met: true });
  assert.deepEqual(
    quorate.options.map((o) => [o.option, o.count, o.passed]),
    [
      ['yes', 300, true],
      ['no', 100, false],
      ['abstain', 1, false],
    ],
  );
});

test('rules a creation refuses, with the reason', () => {
  const election = { kind: 'yes_no_abstain' as const, weighted: false, meetingId: null };
  assert.match(rulesProblem(rules({ majority: 'absolute', by: 'units' }), election)!, /weighted/);
  assert.match(rulesProblem(rules({ majority: 'simple', base: 'entitled' }), election)!, /simple/);
  assert.match(
    rulesProblem(rules({ majority: 'absolute', base: 'votes_and_abstentions' }), { ...election, kind: 'single' })!,
    /yes_no_abstain/,
  );
  assert.match(rulesProblem(rules({ majority: 'absolute', base: 'present' }), election)!, /meeting/);
  assert.equal(
    rulesProblem(rules({ majority: 'absolute', base: 'present' }), { ...election, meetingId: 'm' }),
    undefined,
  );
  assert.equal(v.safeParse(RulesInput, { majority: { num: 3, den: 2 } }).success, false, 'more than the whole');
  assert.equal(v.safeParse(RulesInput, { majority: 'most' }).success, false);
  assert.equal(
    v.safeParse(RulesInput, {
      majority: 'simple',
      quorum: { measure: 'present', atLeast: { num: 1, den: 2, of: 'present' } },
    }).success,
    false,
  );
  assert.equal(
    v.safeParse(RulesInput, { majority: 'simple', quorum: { measure: 'present', atLeast: 0 } }).success,
    false,
  );
  assert.deepEqual(rules({ majority: 'two_thirds' }, true), {
    majority: 'two_thirds',
    base: 'votes',
    by: 'units',
    quorum: null,
    tieBreak: 'chair',
  });
});
