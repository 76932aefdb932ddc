/** The audit worker: a per-org hash chain, applied once per event, that shows tampering. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withTenant, type Sql } from '../../shared/common/db/index.js';
import { auditEntries } from '../../shared/registry/db/index.js';
import { verifyChain } from '../../shared/registry/auditChain.js';
import { consume, type Worker } from '../../shared/registry/consume.js';
import { push, workerDeps } from '../helpers/workers.js';
import { childEnv } from '../../local/config.js';
import type { EventEnvelope } from '../../schemas/domainEvents.js';
import { auditWorker } from '../../workers/audit/handle.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../helpers/harness.js';

let h: Harness;
let deps: ReturnType<typeof workerDeps>;
let workerSql: Sql;

const outbox = async (org: string) =>
  (
    await h.db.admin<
      { envelope: EventEnvelope }[]
    >`select envelope from registry.outbox where org_id = ${org} order by occurred_at`
  ).map((r) => r.envelope);
const chain = (org: string) => withTenant(h.db.admin, org, (tx) => auditEntries(tx, org));

before(async () => {
  h = await startHarness();
  deps = workerDeps(h.db);
  workerSql = deps.sql;
  // acme's chain, which the tamper, verify and failure tests read: a roster, an election, a token.
  await seedOrg(h, 'acme', [{ subject: 'bob' }]);
  await tokenFor(h, 'acme', await seedElection(h, 'acme'), 'bob');
  for (const e of await outbox('acme')) assert.equal(await consume(deps, auditWorker, push(e)), 'applied');
});
after(async () => {
  await workerSql.end();
  await h.close();
});
test('each event is appended once, in order, and the chain verifies', async () => {
  await seedOrg(h, 'orderly', [{ subject: 'bob' }]);
  const election = await seedElection(h, 'orderly');
  await tokenFor(h, 'orderly', election, 'bob');
  await openElection(h, 'orderly', election);
  const events = await outbox('orderly');
  assert.deepEqual(
    events.map((e) => e.type),
    ['org.created', 'roster.imported', 'election.created', 'election.opened'],
    'a token publishes nothing',
  );
  for (const e of events) assert.equal(await consume(deps, auditWorker, push(e)), 'applied');
  assert.equal(await consume(deps, auditWorker, push(events[0]!)), 'duplicate');
  const entries = await chain('orderly');
  assert.deepEqual(
    entries.map((e) => e.eventId),
    events.map((e) => e.id),
  );
  assert.deepEqual(verifyChain(entries), { ok: true, entries: events.length, firstBadSeq: null });
});

test('changing, deleting or reordering an entry is detected at that entry', async () => {
  const tamper = async (statement: string) => {
    await h.db.admin.begin(async (tx) => {
      await tx.unsafe('create temp table saved on commit drop as select * from registry.audit_log');
      await tx.unsafe(statement);
      const found = verifyChain(await auditEntries(tx, 'acme'));
      await tx.unsafe('delete from registry.audit_log');
      await tx.unsafe('insert into registry.audit_log select * from saved');
      results.push(found);
    });
  };
  const results: ReturnType<typeof verifyChain>[] = [];
  await tamper(`update registry.audit_log set payload = '{"upserted": 99}' where org_id = 'acme' and seq = 2`);
  await tamper(`delete from registry.audit_log where org_id = 'acme' and seq = 2`);
  await tamper(`update registry.audit_log set seq = 1000 where org_id = 'acme' and seq = 2;
    update registry.audit_log set seq = 2 where org_id = 'acme' and seq = 3;
    update registry.audit_log set seq = 3 where org_id = 'acme' and seq = 1000`);
  assert.deepEqual(
    results.map((r) => [r.ok, r.firstBadSeq]),
    [
      [false, 2],
      [false, 3],
      [false, 2],
    ],
  );
  assert.equal(verifyChain(await chain('acme')).ok, true, 'restored');
});

test('npm run audit:verify prints the check as one JSON line, for that org only', async () => {
  await seedOrg(h, 'other');
  for (const e of await outbox('other')) await consume(deps, auditWorker, push(e));
  const script = fileURLToPath(new URL('../../scripts/auditVerify.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, 'acme'], {
    encoding: 'utf8',
    env: childEnv({ DATABASE_URL: h.db.url() }),
  });
  assert.equal(run.status, 0, run.stderr);
  const line = JSON.parse(run.stdout);
  assert.equal(line.ok, true);
  assert.equal(line.entries, (await chain('acme')).length);
  assert.equal(line.firstBadSeq, null);
});

test('the worker role cannot rewrite the audit log', async () => {
  await assert.rejects(
    withTenant(workerSql, 'acme', (tx) => tx`update registry.audit_log set type = 'x'`),
    /permission denied/,
  );
  await assert.rejects(
    withTenant(workerSql, 'acme', (tx) => tx`delete from registry.audit_log`),
    /permission denied/,
  );
});

test('an invalid message is acknowledged; a failing one is retried, then parked as dead', async () => {
  assert.equal(
    await consume(deps, auditWorker, { message: { data: Buffer.from('not json').toString('base64') } }),
    'invalid',
  );
  assert.equal(await consume(deps, auditWorker, { nonsense: true }), 'invalid');
  const [event] = await outbox('acme');
  const failing: Worker = {
    name: 'failing',
    handle: async () => {
      throw new Error('downstream unavailable');
    },
  };
  await assert.rejects(consume(deps, failing, push(event!)), /downstream unavailable/);
  await assert.rejects(consume(deps, failing, push(event!)), /downstream unavailable/);
  assert.equal(await consume(deps, failing, push(event!)), 'dead');
  const [row] = await h.db
    .admin`select attempts, dead, last_error from registry.delivery_failures where worker = 'failing'`;
  assert.deepEqual({ ...row }, { attempts: 3, dead: true, lastError: 'Error: downstream unavailable' });
  const processed = await h.db.admin`select 1 from registry.processed_events where worker = 'failing'`;
  assert.equal(processed.length, 0, 'a failed event is not marked processed');
});
