/**
 * The elections' key wrapping, against the KMS stand-in through the real
 * client: a wrapped key unwraps only for its own election and only until its
 * key version is destroyed; the stand-in keeps key material in its own
 * files and deletes a destroyed version's; KMS away is `unavailable`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { startKmsStandIn, type KmsStandIn } from '../../../local/standIns/kms.js';
import { ensureCryptoKey } from '../../../local/standIns/kmsKeys.js';
import { createElectionKeys, keepMs, keyMemory } from '../../../shared/registry/electionKeys.js';
import { DomainError } from '../../../shared/common/domainError.js';

const key = 'projects/unit/locations/local/keyRings/ekklesia/cryptoKeys/election-secrets';
let dir: string;
let kms: KmsStandIn;
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-kms-unit-'));
  kms = await startKmsStandIn(dir);
  await ensureCryptoKey(kms.endpoint, key);
});
after(async () => {
  await kms.close();
  rmSync(dir, { recursive: true, force: true });
});

const versionFiles = () =>
  readdirSync(path.join(dir, 'projects/unit/locations/local/keyRings/ekklesia/cryptoKeys/election-secrets/versions'));

test('a wrapped key unwraps to the same data key, for its own election only', async () => {
  const keys = createElectionKeys({ key, endpoint: kms.endpoint });
  const election = randomUUID();
  const made = await keys.create('acme', election);
  const dataKey = await keys.unwrap('acme', election, made); // from memory: no KMS call
  assert.equal(dataKey.length, 32);
  assert.ok(!made.wrapped.includes(dataKey), 'the stored copy is not the key');
  const operator = createElectionKeys({ key, endpoint: kms.endpoint }); // no memory of it
  assert.deepEqual(await operator.unwrap('acme', election, made), dataKey);
  await assert.rejects(operator.unwrap('acme', randomUUID(), made), 'moved to another election, it does not unwrap');
  await assert.rejects(operator.unwrap('other', election, made), 'nor to another org');
});

test('destroying the key version makes every copy of the wrapped key noise, and deletes its material', async () => {
  const keys = createElectionKeys({ key, endpoint: kms.endpoint });
  const election = randomUUID();
  const made = await keys.create('acme', election);
  const file = `${made.keyVersion.split('/').pop()}.key`;
  assert.ok(versionFiles().includes(file), 'the key version has its own file');
  await keys.destroy(made.keyVersion);
  await keys.destroy(made.keyVersion); // again: harmless
  assert.ok(!versionFiles().includes(file), 'its material is gone');
  await assert.rejects(createElectionKeys({ key, endpoint: kms.endpoint }).unwrap('acme', election, made), /DESTROYED/);
});

test('the data key is kept in memory: unwrapping again costs no KMS call', async () => {
  const keys = createElectionKeys({ key, endpoint: kms.endpoint });
  const made = await keys.create('acme', randomUUID());
  const election = randomUUID();
  const stored = await keys.create('acme', election);
  const fresh = createElectionKeys({ key, endpoint: kms.endpoint });
  const before = kms.requests.get('decrypt') ?? 0;
  const dataKey = await keys.unwrap('acme', election, stored);
  for (let i = 0; i < 20; i++) assert.deepEqual(await fresh.unwrap('acme', election, stored), dataKey);
  assert.equal((kms.requests.get('decrypt') ?? 0) - before, 1, 'one decrypt for twenty unwraps');
  fresh.forget('acme', election);
  await fresh.unwrap('acme', election, stored);
  assert.equal((kms.requests.get('decrypt') ?? 0) - before, 2, 'forgotten, it is asked for again');
  assert.ok(made.keyVersion !== stored.keyVersion, 'each election has its own key version');
});

test('KMS away is unavailable (503 with Retry-After), not a crash', async () => {
  const keys = createElectionKeys({ key, endpoint: 'http://127.0.0.1:1' });
  await assert.rejects(
    keys.create('acme', randomUUID()),
    (err: unknown) => err instanceof DomainError && err.code === 'unavailable',
  );
});

test('the key in memory is zeroed when forgotten; callers only see it inside a synchronous callback', async () => {
  const keys = createElectionKeys({ key, endpoint: kms.endpoint });
  const election = randomUUID();
  const stored = await keys.create('acme', election);
  let held: Buffer | undefined;
  await keys.withKey('acme', election, stored, (k) => {
    held = k; // a test's peek at the buffer the instance holds; real callers derive and let go
  });
  assert.ok(held!.some((b) => b !== 0) && held!.length === 32);
  assert.equal(keys.holds('acme', election), true);
  keys.forget('acme', election);
  assert.ok(
    held!.every((b) => b === 0),
    'the buffer is zeroed on forget',
  );
  assert.equal(keys.holds('acme', election), false);
  const copy = await keys.unwrap('acme', election, stored);
  assert.ok(
    copy.some((b) => b !== 0),
    'asked for again, it is unwrapped anew',
  );
});

test('an expired or evicted key is zeroed, whether or not anyone asks for it again', () => {
  let now = 0;
  const memory = keyMemory(() => now, 2);
  const keys = [1, 2, 3, 4].map(() => Buffer.alloc(32, 7));
  memory.keep('a', keys[0]!);
  memory.keep('b', keys[1]!);
  memory.keep('c', keys[2]!); // the oldest goes
  assert.ok(
    keys[0]!.every((b) => b === 0),
    'evicted: zeroed',
  );
  assert.equal(memory.get('a'), undefined);
  now += keepMs;
  memory.sweep(); // as the minute's timer does
  assert.ok(keys[1]!.every((b) => b === 0) && keys[2]!.every((b) => b === 0), 'expired: zeroed by the sweep');
  memory.keep('d', keys[3]!);
  now += keepMs + 1;
  assert.equal(memory.get('d'), undefined, 'expired on access');
  assert.ok(keys[3]!.every((b) => b === 0));
});
