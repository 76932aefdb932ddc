import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { leafHash, merkleRoot, verifyTracker, receiptFor } from '../../../../shared/common/crypto/index.js';

const sha = (...parts: (Buffer | string)[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const entry = (n: number) => ({
  receipt: receiptFor(`token-${n}`.padEnd(43, 'x')),
  choices: n % 2 ? ['yes'] : ['a', 'b'],
});
const sorted = (n: number) =>
  Array.from({ length: n }, (_, i) => entry(i)).sort((a, b) => (a.receipt < b.receipt ? -1 : 1));

test('the root follows the documented construction', () => {
  assert.equal(merkleRoot([]), sha().toString('hex'));
  const [a, b, c] = sorted(3);
  assert.deepEqual(leafHash(a!), sha(Buffer.from([0]), `${a!.receipt}:${a!.choices.join(',')}`));
  const ab = sha(Buffer.from([1]), leafHash(a!), leafHash(b!));
  assert.equal(merkleRoot([a!]), leafHash(a!).toString('hex'));
  assert.equal(
    merkleRoot([a!, b!, c!]),
    sha(Buffer.from([1]), ab, leafHash(c!)).toString('hex'),
    'an odd node is carried up',
  );
});

test('changing, dropping, adding or reordering a ballot is detected', () => {
  const ballots = sorted(7);
  const root = merkleRoot(ballots);
  assert.deepEqual(verifyTracker({ root, ballots }), { ok: true });
  const changed = ballots.map((b, i) => (i === 3 ? { ...b, choices: ['no'] } : b));
  assert.equal(verifyTracker({ root, ballots: changed }).ok, false);
  assert.equal(verifyTracker({ root, ballots: ballots.slice(1) }).ok, false);
  assert.equal(
    verifyTracker({ root, ballots: [...ballots, entry(99)].sort((x, y) => (x.receipt < y.receipt ? -1 : 1)) }).ok,
    false,
  );
  assert.equal(verifyTracker({ root, ballots: [ballots[1]!, ballots[0]!, ...ballots.slice(2)] }).ok, false);
  assert.equal(
    verifyTracker({ root: merkleRoot([...ballots, ballots[6]!]), ballots: [...ballots, ballots[6]!] }).ok,
    false,
    'a duplicate receipt',
  );
});

test('the tracker:verify command checks a saved tracker', () => {
  const ballots = sorted(5);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracker-'));
  const good = path.join(dir, 'good.json');
  const bad = path.join(dir, 'bad.json');
  writeFileSync(good, JSON.stringify({ root: merkleRoot(ballots), ballots }));
  writeFileSync(bad, JSON.stringify({ root: merkleRoot(ballots), ballots: ballots.slice(1) }));
  const script = fileURLToPath(new URL('../../../../scripts/verifyTracker.ts', import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
  const ok = run(good, '--receipt', ballots[2]!.receipt);
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout).ballot, ballots[2]);
  assert.equal(run(bad).status, 1);
  assert.equal(JSON.parse(run(good, '--root', '00').stdout).ok, false);
});
