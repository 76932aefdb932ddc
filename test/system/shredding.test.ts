/**
 * Secrecy where an operator looks: after the seal, nothing on the machine's
 * disk derives a member's token. A vote runs on a PostgreSQL server of this
 * test's own (WAL uncompressed, so nothing hides inside compressed pages),
 * with every log line the functions write kept in a file beside it; after the
 * seal and a checkpoint, every file is scanned (test/helpers/keyScan.ts).
 * The control: the same scan finds the key when it does lie in a file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../local/processes/freePort.js';
import { startPostgres, urlFor, type PgServer } from '../../local/processes/postgres.js';
import { migrateDatabase } from '../../local/stack/database.js';
import { createTestDb } from '../helpers/db.js';
import { scanForTokenSecret } from '../helpers/keyScan.js';
import { seedOrg, startHarness, tokenFor, type Harness, seedOpenChoice } from '../helpers/harness.js';
import type { Tracker } from '../../schemas/api.js';

const subjects = ['shred-1', 'shred-2', 'shred-3', 'shred-4'];
let root: string;
let server: PgServer;
let h: Harness;
let election: string;
let receipts: Set<string>;
let keyBeforeSeal: Buffer;

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-shred-'));
  chmodSync(root, 0o755); // the server runs as the postgres user
  mkdirSync(path.join(root, 'logs'));
  server = await startPostgres({
    dataDir: path.join(root, 'pg', 'data'),
    port: await freePort(),
    durable: false,
    settings: ['wal_compression=off'],
  });
  const db = await createTestDb({ server: urlFor(server.url, 'postgres'), template: null });
  await migrateDatabase(db.url());
  h = await startHarness({ db, logFile: path.join(root, 'logs', 'functions.log'), keyDir: path.join(root, 'kms') });
  await seedOrg(
    h,
    'shred',
    subjects.map((subject) => ({ subject })),
  );
  election = await seedOpenChoice(h, 'shred', 'Secret', ['left', 'right']);
  for (const [i, subject] of subjects.entries()) {
    const { token } = await tokenFor(h, 'shred', election, subject);
    const cast = await h.vote('POST', `/v1/elections/${election}/ballots`, {
      auth: token,
      body: { choices: [i % 2 ? 'left' : 'right'] },
    });
    assert.equal(cast.status, 201);
  }
  keyBeforeSeal = await h.tokenSecretOf('shred', election);
  const closed = await h.call('POST', `/v1/orgs/shred/elections/${election}/close`, { auth: await h.jwt('alice') });
  assert.equal(closed.status, 200);
  const tracker = await (await h.vote<Tracker>('GET', `/v1/elections/${election}/tracker`)).json();
  receipts = new Set(tracker.ballots.map((b) => b.receipt));
  assert.equal(receipts.size, subjects.length);
  // What a backup or a copy of the disk holds: every dirty page written out.
  await h.db.admin`checkpoint`;
});
after(async () => {
  await h.close();
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

test('after the seal, no file of the database (heap, indexes, WAL), the logs or the key store derives a token', () => {
  const { findings, stats } = scanForTokenSecret(root, subjects, receipts);
  assert.ok(
    stats.bytes > 20_000_000,
    `the scan read the data directory (${stats.bytes} bytes in ${stats.files} files)`,
  );
  assert.ok(stats.tried > 0);
  assert.deepEqual(
    findings.map((f) => `${path.relative(root, f.file)} @${f.offset} (${f.form}) → ${f.subject}`),
    [],
    'token secret recoverable after the seal',
  );
});

test('the control: the same scan finds the key when a file holds it, raw or as text', () => {
  const leak = path.join(root, 'logs', 'leak.bin');
  writeFileSync(
    leak,
    Buffer.concat([Buffer.from('noise '), keyBeforeSeal, Buffer.from(` hex ${keyBeforeSeal.toString('hex')}\n`)]),
  );
  try {
    const { findings } = scanForTokenSecret(path.join(root, 'logs'), subjects, receipts);
    assert.deepEqual(
      [...new Set(findings.map((f) => `${f.form} ${f.subject}`))].sort(),
      subjects.flatMap((s) => [`bytes ${s}`]).sort(),
      'each member is linked through the leaked key (text duplicates are tried once)',
    );
  } finally {
    rmSync(leak);
  }
});
