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

test('tracker:verify recounts a weighted tracker against the published tally, units included', () => {
  const ballots = sorted(6).map((b, i) => ({
    receipt: b.receipt,
    choices: [i % 3 ? 'yes' : 'no'],
    units: [100, 10, 1][i % 3]!,
  }));
  const root = merkleRoot(ballots);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tracker-'));
  const tracker = path.join(dir, 'tracker.json');
  writeFileSync(tracker, JSON.stringify({ root, ballots }));
  // Ballots 0 and 3 (100 units each) chose no; 1, 2, 4, 5 (10 + 1 + 10 + 1 units) chose yes.
  const tally = (yesUnits: number) => ({
    electionId: '00000000-0000-4000-8000-000000000000',
    ballotsCast: 6,
    eligible: 9,
    tally: [
      { option: 'yes', votes: 4, units: yesUnits },
      { option: 'no', votes: 2, units: 200 },
    ],
    root,
    unitsCast: 222,
    eligibleUnits: 300,
  });
  const right = path.join(dir, 'right.json');
  const wrong = path.join(dir, 'wrong.json');
  writeFileSync(right, JSON.stringify(tally(22)));
  writeFileSync(wrong, JSON.stringify(tally(23)));
  const script = fileURLToPath(new URL('../../../../scripts/verifyTracker.ts', import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
  const ok = run(tracker, '--results', right);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal(JSON.parse(ok.stdout).tally, 'recounted');
  const bad = run(tracker, '--results', wrong);
  assert.equal(bad.status, 1);
  assert.match(
    JSON.parse(bad.stdout).tally,
    /^differs: yes: 4 ballots \/ 22 units \/ 0 voters in the tracker, 4 \/ 23 \/ - in the results$/,
  );
});
