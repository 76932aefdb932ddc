/**
 * A split cast's assignment (shared/ballot_box/split.ts): every ballot to
 * one option, each option exactly its units; a split the denominations
 * cannot make, or whose units are not the ballots', is refused; the same
 * input gives the same assignment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignSplit } from '../../../shared/ballot_box/split.js';

const ballots = (units: number[]) => units.map((u, i) => ({ key: `t${i}`, units: u }));
const totals = (assigned: Map<string, string>, bs: { key: string; units: number }[]) => {
  const out: Record<string, number> = {};
  for (const b of bs) out[assigned.get(b.key)!] = (out[assigned.get(b.key)!] ?? 0) + b.units;
  return out;
};

test('70 yes and 30 no from a holder of ten tens; 213 as 200/13', () => {
  const tens = ballots(Array<number>(10).fill(10));
  assert.deepEqual(totals(assignSplit(tens, { yes: 70, no: 30 })!, tens), { yes: 70, no: 30 });
  const mixed = ballots([100, 100, 10, 1, 1, 1]);
  assert.deepEqual(totals(assignSplit(mixed, { no: 13, yes: 200 })!, mixed), { yes: 200, no: 13 });
  assert.deepEqual(assignSplit(mixed, { no: 13, yes: 200 }), assignSplit([...mixed].reverse(), { yes: 200, no: 13 }));
});

test('a split the denominations cannot make, or of other units, is refused', () => {
  assert.equal(assignSplit(ballots([100]), { yes: 70, no: 30 }), undefined);
  assert.equal(assignSplit(ballots([10, 10]), { yes: 10, no: 5 }), undefined, 'units not the ballots');
  assert.equal(assignSplit(ballots([10, 1]), { yes: 5, no: 6 }), undefined);
});

test("a member's head (0 units) goes with the largest part, the ties by option id", () => {
  const bundle = ballots([100, 10, 1, 0]);
  const assigned = assignSplit(bundle, { yes: 11, no: 100 })!;
  assert.equal(assigned.get('t3'), 'no');
  assert.deepEqual(totals(assigned, bundle), { no: 100, yes: 11 });
  const heads = ballots([10, 10, 0, 0]);
  assert.deepEqual(
    [assignSplit(heads, { yes: 10, no: 10 })!.get('t2'), assignSplit(heads, { yes: 10, no: 10 })!.get('t3')],
    ['no', 'no'],
  );
});
