/**
 * The run-off's two options (schemas/runoff.ts): the top two; a tie for
 * them broken by lot or named by the chair, never silently; none where an
 * option carried or the vote was yes/no.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide } from '../../schemas/verdict.js';
import { runoffPair } from '../../schemas/runoff.js';
import { heads, rules, yna } from './verdictFixtures.js';

test('the run-off: the top two; a tie for them by lot or named by the chair, never silently', () => {
  const single = (counts: Record<string, number>, tieBreak: 'lot' | 'chair' = 'chair') =>
    decide('single', 1, rules({ majority: 'absolute', tieBreak }), heads(counts));
  const lot = ['d', 'c', 'b', 'a'];
  assert.deepEqual(runoffPair(single({ a: 40, b: 35, c: 25 }), 'chair', lot), { options: ['a', 'b'] });
  // b and c tie for second: the lot takes c (first in its order); the chair must name it.
  const tiedSecond = single({ a: 40, b: 30, c: 30 });
  assert.deepEqual(runoffPair(tiedSecond, 'lot', lot), { options: ['a', 'c'] });
  assert.match((runoffPair(tiedSecond, 'chair', lot) as { problem: string }).problem, /b, c are tied/);
  assert.deepEqual(runoffPair(tiedSecond, 'chair', lot, ['a', 'b']), { options: ['a', 'b'] });
  assert.ok('problem' in runoffPair(tiedSecond, 'chair', lot, ['b', 'c']), 'a, ahead of both, is in it');
  // Three tied at the top: two of them.
  const three = single({ a: 30, b: 30, c: 30 });
  assert.deepEqual(runoffPair(three, 'lot', lot), { options: ['c', 'b'] });
  assert.ok('problem' in runoffPair(single({ a: 60, b: 40 }), 'chair', lot), 'a carried: no run-off');
  assert.ok(
    'problem' in
      runoffPair(decide('yes_no_abstain', 1, rules({ majority: 'absolute' }), heads(yna(1, 2, 0))), 'chair', lot),
  );
});
