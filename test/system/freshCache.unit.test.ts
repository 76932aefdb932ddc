/** shared/common/freshCache.ts: one read per key and age, shared by concurrent misses; failures and forgotten reads not kept. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshCache } from '../../shared/common/freshCache.js';

function counted() {
  let now = 0;
  const reads: string[] = [];
  const waiting: (() => void)[] = [];
  const cache = freshCache(
    async (key: string) => {
      reads.push(key);
      await new Promise<void>((resolve) => waiting.push(resolve));
      if (key === 'bad') throw new Error('read failed');
      return `${key}@${now}`;
    },
    { maxAgeMs: 500, maxKeys: 2, clock: () => now },
  );
  const release = async () => {
    while (waiting.length) waiting.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { cache, reads, release, at: (ms: number) => (now = ms) };
}

test('concurrent misses share one read; the value is kept for maxAgeMs, then read again', async () => {
  const { cache, reads, release, at } = counted();
  const both = Promise.all([cache.get('a'), cache.get('a')]);
  await release();
  assert.deepEqual(await both, ['a@0', 'a@0']);
  at(499);
  assert.equal(await cache.get('a'), 'a@0');
  assert.deepEqual(reads, ['a']);
  at(500);
  const again = cache.get('a');
  await release();
  assert.equal(await again, 'a@500');
  assert.deepEqual(reads, ['a', 'a']);
});

test('a failed read is not kept; a read forgotten while under way answers but is not kept; the oldest key goes first', async () => {
  const { cache, reads, release } = counted();
  const bad = assert.rejects(cache.get('bad'), /read failed/);
  await release();
  await bad;
  const retry = assert.rejects(cache.get('bad'));
  await release();
  await retry;
  assert.equal(reads.filter((k) => k === 'bad').length, 2);

  const stale = cache.get('a');
  cache.forget('a');
  await release();
  assert.equal(await stale, 'a@0');
  const fresh = cache.get('a');
  await release();
  await fresh;
  assert.equal(reads.filter((k) => k === 'a').length, 2, 'the forgotten read was not kept');

  for (const key of ['b', 'c']) {
    const p = cache.get(key);
    await release();
    await p;
  }
  const before = reads.length;
  await Promise.all([cache.get('b'), cache.get('c')]);
  assert.equal(reads.length, before, 'b and c are held');
  const a = cache.get('a');
  await release();
  await a;
  assert.equal(reads.length, before + 1, 'a was dropped when c came (two keys at most)');
  cache.forgetAll();
  const b = cache.get('b');
  await release();
  await b;
  assert.equal(reads.length, before + 2);
});
