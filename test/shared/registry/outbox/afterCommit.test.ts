/**
 * The after-commit relay under a burst, and a relay that dies between the
 * publish and the mark, against the real Pub/Sub emulator and a relay
 * process of the test's own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { childEnv, loadToolConfig } from '../../../../local/config.js';
import type { Sql } from '../../../../shared/common/db/index.js';
import { createPublisher, type Publisher } from '../../../../shared/common/pubsub/index.js';
import { topics, type EventEnvelope } from '../../../../schemas/domainEvents.js';
import { coalesceRelays, relayAll } from '../../../../shared/registry/outbox/index.js';
import { consume } from '../../../../shared/registry/consume.js';
import { auditWorker } from '../../../../workers/audit/handle.js';
import { meteringWorker } from '../../../../workers/metering/handle.js';
import {
  createSubscription,
  createTopics,
  pull,
  type PulledMessage,
} from '../../../../local/processes/pubsubEmulator.js';
import { waitFor } from '../../../../local/wait.js';
import { push, workerDeps } from '../../../helpers/workers.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../../helpers/harness.js';
import { countRows } from '../../../helpers/db.js';

const emulator = loadToolConfig().PUBSUB_EMULATOR_HOST!;
const project = `after-commit-${randomBytes(4).toString('hex')}`;
const relayScript = fileURLToPath(new URL('../../../fixtures/relayOnce.ts', import.meta.url));

let h: Harness;
let publisher: Publisher;
let relaySql: Sql;
const runs = { started: 0, inFlight: 0, mostAtOnce: 0, failures: [] as unknown[] };
const afterCommit = coalesceRelays(
  async (orgId) => {
    runs.started++;
    runs.mostAtOnce = Math.max(runs.mostAtOnce, ++runs.inFlight);
    try {
      await relayAll(h.db.registry, publisher, { orgId });
    } finally {
      runs.inFlight--;
    }
  },
  (err) => runs.failures.push(err),
);

before(async () => {
  h = await startHarness({ afterCommit });
  relaySql = workerDeps(h.db, 'ekklesia_relay').sql;
  await createTopics(emulator, project, topics);
  for (const topic of topics) await createSubscription(emulator, project, topic, `${topic}-sub`);
  publisher = createPublisher(project);
});
after(async () => {
  await afterCommit.settled();
  await publisher.close();
  await relaySql.end();
  await h.close();
});

/** Messages pulled from `topic` until `done` says they are all there. */
async function pullUntil(topic: string, done: (got: PulledMessage[]) => boolean): Promise<PulledMessage[]> {
  const got: PulledMessage[] = [];
  await waitFor(
    `messages on ${topic}`,
    15_000,
    async () => {
      got.push(...(await pull(emulator, project, `${topic}-sub`)));
      return done(got);
    },
    100,
  );
  return got;
}

const countBy = (ids: string[]) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

test('a burst of 80 token requests starts a few relays, one at a time, and each event is published exactly once', async () => {
  const voters = Array.from({ length: 80 }, (_, i) => ({ subject: `v${i}` }));
  await seedOrg(h, 'acme', voters);
  const election = await seedElection(h, 'acme');
  await afterCommit.settled();
  const before = runs.started;

  await Promise.all(voters.map((v) => tokenFor(h, 'acme', election, v.subject)));
  await afterCommit.settled();

  const started = runs.started - before;
  assert.ok(started >= 1 && started <= 20, `${started} relays for 80 requests`);
  assert.equal(runs.mostAtOnce, 1, 'never two relays of one org at once');
  assert.deepEqual(runs.failures, []);
  const outbox = await h.db.admin<{ id: string; publishedAt: Date | null }[]>`
    select id, published_at from registry.outbox where org_id = 'acme' and 'audit' = any(topics)`;
  assert.deepEqual(
    outbox.filter((e) => !e.publishedAt),
    [],
    'every event published',
  );
  // Every relay has settled, so every publish has been accepted: what is not pulled by now was never sent.
  const messages = await pullUntil(
    'audit',
    (got) => new Set(got.map((m) => m.attributes.eventId)).size >= outbox.length,
  );
  messages.push(...(await pull(emulator, project, 'audit-sub')));
  const perEvent = countBy(messages.map((m) => m.attributes.eventId!));
  assert.deepEqual([...perEvent.keys()].sort(), outbox.map((e) => e.id).sort());
  assert.ok(
    [...perEvent.values()].every((n) => n === 1),
    'no event published twice',
  );
  for (const topic of topics) await pull(emulator, project, `${topic}-sub`);
});

test('a relay killed between the publish and the mark: the event goes out again after the lease, and the workers drop the copy', async () => {
  await seedOrg(h, 'crash', [{ subject: 'bob' }]);
  await relayAll(relaySql, publisher);
  for (const topic of topics) await pull(emulator, project, `${topic}-sub`);
  const election = await seedElection(h, 'crash');
  const { token } = await tokenFor(h, 'crash', election, 'bob');
  await openElection(h, 'crash', election);
  await h.vote('POST', `/v1/elections/${election}/ballots`, { auth: token, body: { choices: ['yes'] } });
  await h.call('POST', `/v1/orgs/crash/elections/${election}/close`, { auth: await h.jwt('alice') });
  await afterCommit.settled();
  for (const topic of topics) await pull(emulator, project, `${topic}-sub`);
  // Every event of the org, left for the relay process below; election.created and .sealed go to metering too.
  await h.db.admin`update registry.outbox set published_at = null, claimed_until = null where org_id = 'crash'`;
  const events = await h.db.admin<{ id: string; envelope: EventEnvelope }[]>`
    select id, envelope from registry.outbox where org_id = 'crash' and 'audit' = any(topics) and 'metering' = any(topics)`;
  assert.equal(events.length, 2);

  const child = spawn(process.execPath, ['--import', 'tsx', relayScript], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: childEnv({ DATABASE_URL: h.db.url('ekklesia_relay'), PUBSUB_PROJECT: project, LEASE_SECONDS: '2' }),
  });
  let said = '';
  child.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Once the relay has claimed them, the test holds the rows: the publish goes out, the mark waits.
  const holder = h.db.admin.reserve();
  const held = await holder;
  try {
    await waitFor('the relay to claim', 15_000, async () => {
      const row = {
        n: await countRows(h.db.admin)`registry.outbox where org_id = 'crash' and claimed_until is not null`,
      };
      return row!.n > 0;
    });
    await held`begin`;
    await held`select 1 from registry.outbox where org_id = 'crash' for update`;
    const first = await pullUntil('metering', (got) => got.length >= events.length);
    await waitFor('the mark to wait on the held rows', 10_000, async () => {
      const row = {
        n: await countRows(
          h.db.admin,
        )`pg_stat_activity where usename = 'ekklesia_relay' and wait_event_type = 'Lock' and datname = current_database()`,
      };
      return row!.n > 0;
    });
    child.kill('SIGKILL');
    await exited;
    await held`rollback`;
    assert.doesNotMatch(said, /done/, 'the relay died before it marked');

    const unpublished = await h.db.admin`select 1 from registry.outbox where org_id = 'crash' and published_at is null`;
    assert.ok(unpublished.length >= events.length, 'the kill left the events unmarked');
    await waitFor('the lease to run out', 10_000, async () => (await relayAll(relaySql, publisher)) > 0, 200);
    const again = await pullUntil('metering', (got) => got.length >= events.length);

    const copies = [...first, ...again].filter((m) => events.some((e) => e.id === m.attributes.eventId));
    assert.equal(copies.length, 2 * events.length, 'each event was published twice');
    const deps = workerDeps(h.db);
    try {
      const outcomes = [];
      for (const m of copies) {
        const envelope = JSON.parse(m.data) as EventEnvelope;
        outcomes.push(await consume(deps, auditWorker, push(envelope)));
        outcomes.push(await consume(deps, meteringWorker, push(envelope)));
      }
      assert.equal(outcomes.filter((o) => o === 'duplicate').length, 2 * events.length, outcomes.join(','));
    } finally {
      await deps.sql.end();
    }
    const chained = await h.db.admin<{ n: number }[]>`
      select count(*)::int as n from registry.audit_log where org_id = 'crash' and event_id = any(${events.map((e) => e.id)}::uuid[])`;
    assert.equal(chained[0]!.n, events.length, 'each event in the audit chain once');
    const [usage] = await h.db.admin<{ tokens: number; ballots: number; elections: number }[]>`
      select coalesce(sum(tokens_issued), 0)::int as tokens, coalesce(sum(ballots_cast), 0)::int as ballots,
             coalesce(sum(elections_run), 0)::int as elections
      from registry.usage_daily where org_id = 'crash'`;
    // One token per eligible member (alice and bob), one ballot, one election.
    assert.deepEqual({ ...usage }, { tokens: 2, ballots: 1, elections: 1 }, 'the seal counted once');
  } finally {
    held.release();
    child.kill('SIGKILL');
  }
});
