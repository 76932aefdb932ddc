/**
 * Scottish STV (schemas/ranked/stv.ts) on hand-counted cases: IRV as the
 * one-seat case; a surplus transferred at five decimal places with the rest
 * ignored (B ends 0.00002 short of the quota); only the elected candidate's
 * own papers move (a paper counting for someone else keeps its value, the
 * original Ekklesia's miscount); ties by look-back and by lot, reported;
 * weights as that many papers; rule 52.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scottishStv, unit, type StvBallot } from '../../schemas/ranked/stv.js';

const papers = (...groups: [number, string][]): StvBallot[] =>
  groups.flatMap(([n, r]) => Array.from({ length: n }, () => ({ ranking: [...r] })));

test('IRV, the one-seat case: the last is excluded and their papers decide', () => {
  const result = scottishStv(['A', 'B', 'C'], 1, papers([4, 'A'], [3, 'B'], [2, 'CB']), ['A', 'B', 'C']);
  assert.equal(result.quota, 5 * unit); // 9 papers: 9/2 = 4, + 1
  assert.deepEqual(
    result.stages.map((s) => s.action),
    [{ kind: 'first' }, { kind: 'exclusion', candidate: 'C' }],
  );
  assert.deepEqual(result.stages[1]!.totals, { A: 4 * unit, B: 5 * unit, C: 0 });
  assert.deepEqual(result.elected, ['B']);
});

test('a surplus moves at five decimal places, the remainder ignored; only its own papers move', () => {
  // Two seats, ten papers: quota 4. A has 6: a surplus of 2 over 6 papers, each worth 0.33333 to B.
  const result = scottishStv(['A', 'B', 'C', 'D'], 2, papers([6, 'AB'], [2, 'B'], [1, 'CA'], [1, 'DAC']), [
    'A',
    'B',
    'C',
    'D',
  ]);
  assert.equal(result.quota, 4 * unit);
  const afterSurplus = result.stages[1]!;
  assert.deepEqual(afterSurplus.action, { kind: 'surplus', candidate: 'A' });
  assert.equal(afterSurplus.totals.B, 2 * unit + 6 * 33_333, 'B: 3.99998, short of the quota by the truncation');
  assert.equal(afterSurplus.lost, 2, '2 units (0.00002) lost to truncation');
  // C's and D's papers name A too, but count for C and D: they keep their value.
  assert.deepEqual([afterSurplus.totals.C, afterSurplus.totals.D], [unit, unit]);
  // Then C and D tie at 1 with the same history: the lot (C before D: C is favoured) excludes D first.
  assert.deepEqual(result.stages[2]!.action, { kind: 'exclusion', candidate: 'D' });
  assert.deepEqual(result.ties.at(-1), { stage: 2, kind: 'exclusion', candidates: ['C', 'D'], brokenBy: 'lot' });
  // D's paper goes past A (elected) to C; then B and C are the continuing ones for one seat: B has more.
  assert.equal(result.stages[2]!.totals.C, 2 * unit);
  assert.deepEqual(result.elected, ['A', 'B']);
});

test('look-back: of two tied last, the one with fewer votes at the last stage they differed goes', () => {
  // 3 seats... one seat, four candidates: after E is excluded, C and D are tied, but C had fewer at stage 1.
  const result = scottishStv(['A', 'C', 'D', 'E'], 1, papers([6, 'A'], [2, 'C'], [3, 'D'], [1, 'EC']), [
    'D',
    'C',
    'A',
    'E',
  ]);
  assert.deepEqual(result.stages[1]!.action, { kind: 'exclusion', candidate: 'E' });
  assert.deepEqual([result.stages[1]!.totals.C, result.stages[1]!.totals.D], [3 * unit, 3 * unit]);
  assert.deepEqual(result.stages[2]!.action, { kind: 'exclusion', candidate: 'C' });
  assert.deepEqual(result.ties.at(-1), { stage: 2, kind: 'exclusion', candidates: ['C', 'D'], brokenBy: 'look-back' });
});

test('a weight counts as that many papers; rule 52 elects the continuing when they fit the seats', () => {
  const plain = scottishStv(['A', 'B', 'C'], 2, papers([5, 'AB'], [3, 'B'], [2, 'C']), ['A', 'B', 'C']);
  const weighted = scottishStv(
    ['A', 'B', 'C'],
    2,
    [
      { ranking: ['A', 'B'], weight: 5 },
      { ranking: ['B'], weight: 3 },
      { ranking: ['C'], weight: 2 },
    ],
    ['A', 'B', 'C'],
  );
  assert.deepEqual(weighted, plain);
  // Two seats, two candidates: both elected at once, the most votes first.
  const few = scottishStv(['A', 'B'], 2, papers([1, 'A'], [2, 'B']), ['A', 'B']);
  assert.deepEqual(few.elected, ['B', 'A']);
  assert.throws(() => scottishStv(['A'], 1, papers([1, 'Z']), ['A']), RangeError);
});

test('look-back reads the most recent stage at which the tied differed, not the first (rules 49(2), 51(2))', () => {
  // One seat, quota 14 of 27. Stage 1: C 5 < D 6; F goes to C, stage 2: C 7 > D 6; E gives D one, stage 3: 7 and 7.
  // The most recent stage they differed (2) excludes D; the first (1) would have excluded C.
  const result = scottishStv(
    ['A', 'C', 'D', 'E', 'F'],
    1,
    papers([10, 'A'], [5, 'C'], [6, 'D'], [2, 'FC'], [1, 'ED'], [3, 'E']),
    ['A', 'C', 'D', 'E', 'F'],
  );
  assert.deepEqual(
    result.stages.map((s) => [s.totals.C, s.totals.D]),
    [
      [5 * unit, 6 * unit],
      [7 * unit, 6 * unit],
      [7 * unit, 7 * unit],
      [7 * unit, 0],
      [0, 0],
    ],
  );
  assert.deepEqual(result.stages[3]!.action, { kind: 'exclusion', candidate: 'D' });
  assert.deepEqual(result.ties, [{ stage: 3, kind: 'exclusion', candidates: ['C', 'D'], brokenBy: 'look-back' }]);
  assert.deepEqual(result.elected, ['A']);
});

test("Wikipedia's worked example (Single transferable vote, 'Example'): Chocolate, Orange and Strawberry", () => {
  // https://en.wikipedia.org/wiki/Single_transferable_vote#Example: 20 voters, 3 seats, Droop quota 6. Chocolate's
  // surplus of 6 moves at 6/12 = 0.5 a paper (4 to Strawberry, 2 to Bonbon); Pear is excluded and Orange reaches
  // the quota; Bonbon is excluded (its papers have no next choice) and Strawberry takes the last seat.
  const result = scottishStv(
    ['Orange', 'Pear', 'Chocolate', 'Strawberry', 'Bonbon'],
    3,
    [
      ...papers([4, 'O'], [2, 'PO'], [8, 'CS'], [4, 'CB'], [1, 'S'], [1, 'B']).map((b) => ({
        ranking: b.ranking.map((c) => ({ O: 'Orange', P: 'Pear', C: 'Chocolate', S: 'Strawberry', B: 'Bonbon' })[c]!),
      })),
    ],
    ['Orange', 'Pear', 'Chocolate', 'Strawberry', 'Bonbon'],
  );
  assert.equal(result.quota, 6 * unit);
  assert.deepEqual(result.stages[1]!.action, { kind: 'surplus', candidate: 'Chocolate' });
  assert.deepEqual(result.stages[1]!.totals, {
    Orange: 4 * unit,
    Pear: 2 * unit,
    Chocolate: 6 * unit,
    Strawberry: 5 * unit,
    Bonbon: 3 * unit,
  });
  assert.deepEqual(result.stages[2]!.action, { kind: 'exclusion', candidate: 'Pear' });
  assert.equal(result.stages[2]!.totals.Orange, 6 * unit);
  assert.deepEqual(result.stages[3]!.action, { kind: 'exclusion', candidate: 'Bonbon' });
  assert.equal(result.stages[3]!.nonTransferable, 3 * unit);
  assert.deepEqual(result.elected, ['Chocolate', 'Orange', 'Strawberry']);
  assert.deepEqual(result.ties, []);
});
