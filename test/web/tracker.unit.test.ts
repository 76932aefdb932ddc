/**
 * The browser's tracker check (web/src/tracker.ts, WebCrypto) computes the
 * same root as the server's (shared/common/crypto/merkle.ts) for trackers of
 * every size from 0 to 40, weighted ones too (the units under the root), and
 * tells a ballot counted as cast from one missing, one changed and a tracker
 * whose root or order does not hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { merkleRoot as serverRoot } from '../../shared/common/crypto/merkle.js';
import { checkBallot, merkleRoot } from '../../web/src/tracker.js';
import { decide, talliesOf } from '../../schemas/verdict.js';
import { lotOrder } from '../../shared/common/crypto/lotOrder.js';

const tracker = (n: number, weighted = false) => {
  const ballots = Array.from({ length: n }, () => ({
    receipt: randomBytes(32).toString('base64url'),
    choices: [['yes', 'no', 'abstain'][randomBytes(1)[0]! % 3]!],
    ...(weighted ? { units: [1, 10, 100][randomBytes(1)[0]! % 3]! } : {}),
  })).sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
  return { root: serverRoot(ballots), ballots };
};

test('the same root as the server for 0 to 40 ballots', async () => {
  for (let n = 0; n <= 40; n++) {
    const t = tracker(n);
    assert.equal(await merkleRoot(t.ballots), t.root, `${n} ballots`);
    const w = tracker(n, true);
    assert.equal(await merkleRoot(w.ballots), w.root, `${n} weighted ballots`);
  }
  // A ballot's units are under the root: the same ballots with other units have another root.
  const w = tracker(5, true);
  const heavier = w.ballots.map((b, i) => (i === 2 ? { ...b, units: b.units! * 10 } : b));
  assert.notEqual(serverRoot(heavier), w.root);
  assert.notEqual(await merkleRoot(heavier), w.root);
});

test('counted (with the choices the count holds), missing, and an invalid tracker', async () => {
  const t = tracker(7);
  const mine = t.ballots[3]!;
  assert.deepEqual(await checkBallot(t, randomBytes(32).toString('base64url')), { found: 'missing' });
  const invalid = { found: 'tracker_invalid' };
  const announced = (root: string) => ({
    root,
    ballotsCast: t.ballots.length,
    options: ['yes', 'no', 'abstain'].map((id) => ({ id, votes: t.ballots.filter((b) => b.choices[0] === id).length })),
  });
  assert.deepEqual(await checkBallot(t, mine.receipt, announced(t.root)), { found: 'counted', choices: mine.choices });
  assert.deepEqual(await checkBallot(t, mine.receipt, announced('0'.repeat(64))), invalid, 'not the announced root');
  const miscounted = announced(t.root);
  miscounted.options[0]!.votes += 1;
  assert.deepEqual(await checkBallot(t, mine.receipt, miscounted), invalid, 'results the tracker does not recount to');
  const altered = { ...t, ballots: t.ballots.map((b, i) => (i === 5 ? { ...b, choices: ['no', 'yes'] } : b)) };
  assert.deepEqual(await checkBallot(altered, mine.receipt), invalid, 'another ballot changed');
  const unsorted = { ...t, ballots: [...t.ballots].reverse() };
  assert.deepEqual(await checkBallot(unsorted, mine.receipt), invalid);
});

test('a weighted tracker recounts units and heads: one head moved to another option is caught', async () => {
  const t = tracker(30, true);
  // Every fifth ballot a member's head (0 units).
  const ballots = t.ballots.map((b, i) => (i % 5 === 0 ? { ...b, units: 0 } : b));
  const w = { root: serverRoot(ballots), ballots };
  const ids = ['yes', 'no', 'abstain'];
  const chose = (id: string) => ballots.filter((b) => b.choices[0] === id);
  const announced = {
    root: w.root,
    ballotsCast: ballots.length,
    unitsCast: ballots.reduce((n, b) => n + b.units!, 0),
    voters: 6,
    options: ids.map((id) => ({
      id,
      votes: chose(id).length,
      units: chose(id).reduce((n, b) => n + b.units!, 0),
      voters: chose(id).filter((b) => b.units === 0).length,
    })),
  };
  const mine = ballots[1]!;
  assert.deepEqual(await checkBallot(w, mine.receipt, announced), { found: 'counted', choices: mine.choices });
  const [first, second] = announced.options;
  const moved = {
    ...announced,
    options: [
      { ...first!, voters: first!.voters + 1 },
      { ...second!, voters: second!.voters - 1 },
      announced.options[2]!,
    ],
  };
  assert.deepEqual(await checkBallot(w, mine.receipt, moved), { found: 'tracker_invalid' });
  assert.deepEqual(await checkBallot(w, mine.receipt, { ...announced, voters: 5 }), { found: 'tracker_invalid' });
});

test('an election decided by rules: its header is under the root, in the browser as on the server', async () => {
  const t = tracker(9);
  const header = {
    rules: {
      majority: 'two_thirds' as const,
      base: 'votes' as const,
      by: 'members' as const,
      quorum: null,
      tieBreak: 'lot' as const,
    },
    present: { members: 12, units: 12 },
    eligible: 20,
  };
  const root = serverRoot(t.ballots, header);
  assert.notEqual(root, t.root, 'the header changes the root');
  assert.equal(await merkleRoot(t.ballots, header), root);
  // Keys in another order (jsonb's) hash the same: the header is hashed as canonical JSON.
  const reordered = { eligible: 20, present: { units: 12, members: 12 }, rules: { ...header.rules } };
  assert.equal(serverRoot(t.ballots, reordered), root);
  assert.notEqual(serverRoot(t.ballots, { ...header, present: { members: 13, units: 13 } }), root, 'other counts');
  const withHeader = { root, ballots: t.ballots, header };
  const mine = t.ballots[4]!;
  const ids = ['yes', 'no', 'abstain'];
  const chose = (id: string) => t.ballots.filter((b) => b.choices[0] === id).length;
  const results = {
    root,
    ballotsCast: t.ballots.length,
    eligible: 20,
    options: ids.map((id) => ({ id, votes: chose(id) })),
    rules: header.rules,
    present: header.present,
  };
  assert.deepEqual(await checkBallot(withHeader, mine.receipt, results), { found: 'counted', choices: mine.choices });
  // Results that state other counts than the header the root covers are not the tracker's.
  assert.deepEqual(await checkBallot(withHeader, mine.receipt, { ...results, eligible: 19 }), {
    found: 'tracker_invalid',
  });
  assert.deepEqual(await checkBallot({ ...withHeader, header: { ...header, eligible: 19 } }, mine.receipt), {
    found: 'tracker_invalid',
  });
});

test('a tie broken by lot: the browser draws the same lot from the root as the seal', async () => {
  // Two options, one ballot each, under a simple majority of a choice with the lot breaking ties.
  const ballots = [
    { receipt: 'A'.repeat(43), choices: ['a'] },
    { receipt: 'B'.repeat(43), choices: ['b'] },
  ];
  const rules = {
    majority: 'simple' as const,
    base: 'votes' as const,
    by: 'members' as const,
    quorum: null,
    tieBreak: 'lot' as const,
  };
  const header = { rules, present: null, eligible: 2 };
  const root = serverRoot(ballots, header);
  const options = [
    { id: 'a', votes: 1 },
    { id: 'b', votes: 1 },
  ];
  const tallies = talliesOf(
    { ballotsCast: 2, eligible: 2, tally: options.map((o) => ({ option: o.id, votes: o.votes })) },
    null,
  );
  const verdict = decide('single', 1, rules, tallies, lotOrder(root, ['a', 'b']));
  assert.equal(verdict.tie?.decidedBy, 'lot');
  const announced = { root, ballotsCast: 2, eligible: 2, options, rules, present: null, verdict };
  const t = { root, ballots, header };
  assert.deepEqual(await checkBallot(t, ballots[0]!.receipt, announced), { found: 'counted', choices: ['a'] });
  const other = verdict.elected[0] === 'a' ? 'b' : 'a';
  const swapped = { ...announced, verdict: { ...verdict, elected: [other] } };
  assert.deepEqual(await checkBallot(t, ballots[0]!.receipt, swapped), { found: 'tracker_invalid' }, 'the other lot');
});
