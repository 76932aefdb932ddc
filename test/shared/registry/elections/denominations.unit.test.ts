/**
 * Weights as denominations (shared/registry/elections/denominations.ts): a
 * weight's digits; every member's units kept; no class above 1 fed by fewer
 * than k members, on hand-made rosters and on random ones; the bound on what
 * going down may cost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import {
  classSizes,
  decompose,
  denominate,
  TooManyBallots,
} from '../../../../shared/registry/elections/denominations.js';

const sum = (b: number[]) => b.reduce((n, u) => n + u, 0);

test("a weight's decimal digits, largest first", () => {
  assert.deepEqual(decompose(213), [100, 100, 10, 1, 1, 1]);
  assert.deepEqual(decompose(1), [1]);
  assert.deepEqual(decompose(1000), [1000]);
  assert.deepEqual(
    decompose(999),
    [100, 100, 100, 100, 100, 100, 100, 100, 100, 10, 10, 10, 10, 10, 10, 10, 10, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  );
  for (const bad of [0, -3, 1.5, Number.NaN]) assert.throws(() => decompose(bad), RangeError);
});

test('a class fed by fewer than k members goes down a class, and the class it lands in is checked too', () => {
  // One delegate of 1,000 among 20 members of weight 1..3: alone in 1,000, then alone in 100, then in 10: all units.
  const weights = new Map<string, number>([
    ['big', 1000],
    ...Array.from({ length: 20 }, (_, i) => [`m${i}`, 1 + (i % 3)] as [string, number]),
  ]);
  const bundles = denominate(weights, 5, 10_000);
  assert.deepEqual(classSizes(bundles), { 1: 21 });
  assert.equal(bundles.get('big')!.length, 1000);
  // Five delegates of 100 and more keep their hundreds; the lone 10s go down to units.
  const five = new Map<string, number>([
    ['a', 100],
    ['b', 120],
    ['c', 300],
    ['d', 101],
    ['e', 250],
    ['f', 3],
  ]);
  const kept = denominate(five, 5, 10_000);
  assert.deepEqual(classSizes(kept), { 100: 5, 1: 4 }); // the smallest class has no minimum
  assert.deepEqual(kept.get('b'), [100, ...Array<number>(20).fill(1)]);
  for (const [s, w] of five) assert.equal(sum(kept.get(s)!), w, `${s} keeps ${w} units`);
});

test('on random rosters: units kept, and every class above 1 has at least k members', () => {
  for (let round = 0; round < 200; round++) {
    const k = 1 + randomInt(8);
    const weights = new Map<string, number>(
      Array.from({ length: 1 + randomInt(60) }, (_, i) => [
        `m${i}`,
        randomInt(3) === 0 ? 1 + randomInt(2000) : 1 + randomInt(5),
      ]),
    );
    const bundles = denominate(weights, k, 1_000_000);
    for (const [s, w] of weights) {
      const b = bundles.get(s)!;
      assert.equal(sum(b), w);
      assert.deepEqual(
        b,
        [...b].sort((x, y) => y - x),
        'largest first',
      );
    }
    for (const [d, members] of Object.entries(classSizes(bundles)))
      if (Number(d) > 1) assert.ok(members >= k, `class ${d}: ${members} members < k=${k}`);
  }
});

test('going down a class may not cost more ballots than the bound', () => {
  const weights = new Map([
    ['whale', 900_000],
    ['minnow', 1],
  ]);
  assert.throws(
    () => denominate(weights, 5, 100_000),
    (e: unknown) => e instanceof TooManyBallots && e.ballots > 100_000,
  );
});
