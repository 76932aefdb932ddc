/**
 * The Schulze method (schemas/ranked/schulze.ts): the worked example of
 * Schulze's own paper (45 voters, five candidates: E wins, E > A > C > B >
 * D), its d and p matrices; weights counted as that many ballots; a
 * partial ranking leaves the rest tied below; a tie stays a tie.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schulze } from '../../schemas/ranked/schulze.js';

const groups: [number, string][] = [
  [5, 'ACBED'],
  [5, 'ADECB'],
  [8, 'BEDAC'],
  [3, 'CABED'],
  [7, 'CAEBD'],
  [2, 'CBADE'],
  [7, 'DCEBA'],
  [8, 'EBADC'],
];
const candidates = ['A', 'B', 'C', 'D', 'E'];

test("the paper's example: E wins, E > A > C > B > D, with its d and p", () => {
  const ballots = groups.flatMap(([n, r]) => Array.from({ length: n }, () => ({ ranking: [...r] })));
  const result = schulze(candidates, ballots);
  assert.deepEqual(result.d, [
    [0, 20, 26, 30, 22],
    [25, 0, 16, 33, 18],
    [19, 29, 0, 17, 24],
    [15, 12, 28, 0, 14],
    [23, 27, 21, 31, 0],
  ]);
  assert.deepEqual(result.p, [
    [0, 28, 28, 30, 24],
    [25, 0, 28, 33, 24],
    [25, 29, 0, 29, 24],
    [25, 28, 28, 0, 24],
    [25, 28, 28, 31, 0],
  ]);
  assert.deepEqual(result.order, [['E'], ['A'], ['C'], ['B'], ['D']]);
  assert.deepEqual(result.winners, ['E']);
  // Weights: one ballot of weight 5 counts as five ballots.
  const weighted = schulze(
    candidates,
    groups.map(([n, r]) => ({ ranking: [...r], weight: n })),
  );
  assert.deepEqual(weighted.p, result.p);
  assert.deepEqual(weighted.order, result.order);
});

test('a partial ranking leaves the rest tied below it; a tie stays a tie; an unknown candidate is refused', () => {
  const partial = schulze(['x', 'y', 'z'], [{ ranking: ['z'] }, { ranking: ['z', 'x'] }]);
  assert.deepEqual(partial.d[2], [2, 2, 0], 'z above both on both ballots');
  assert.deepEqual(partial.order, [['z'], ['x'], ['y']]);
  const tie = schulze(['a', 'b'], [{ ranking: ['a', 'b'] }, { ranking: ['b', 'a'] }]);
  assert.deepEqual(tie.order, [['a', 'b']]);
  assert.deepEqual(tie.winners, ['a', 'b']);
  assert.throws(() => schulze(['a'], [{ ranking: ['q'] }]), RangeError);
});
