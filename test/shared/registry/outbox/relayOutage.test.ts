/**
 * The relay while Pub/Sub does not answer: a real emulator of its own,
 * frozen with SIGSTOP for longer than PostgreSQL lets a transaction idle.
 * No transaction is open while the relay waits, nothing crashes, and the
 * events go out once the emulator answers again.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createPool, type Sql } from '../../../../shared/common/db/index.js';
import { createPublisher, type Publisher } from '../../../../shared/common/pubsub/index.js';
import { topics } from '../../../../schemas/domainEvents.js';
import { relayAll } from '../../../../shared/registry/outbox/index.js';
import {
  createSubscription,
  createTopics,
  pull,
  startEmulator,
  type Emulator,
} from '../../../../local/processes/pubsubEmulator.js';
import { freePort } from '../../../../local/processes/freePort.js';
import { waitFor } from '../../../../local/wait.js';
import { startHarness, seedOrg, type Harness } from '../../../helpers/harness.js';

const project = `outage-${randomBytes(4).toString('hex')}`;
let h: Harness;
let emulator: Emulator;
let relaySql: Sql;
let publisher: Publisher;

before(async () => {
  h = await startHarness();
  emulator = await startEmulator(await freePort());
  await createTopics(emulator.host, project, topics);
  await createSubscription(emulator.host, project, 'audit', 'audit-sub');
  publisher = createPublisher(project, emulator.host);
  // PostgreSQL ends a transaction left idle for 1 s: far shorter than the outage below.
  relaySql = createPool(
    { url: h.db.url('ekklesia_relay'), poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 500 },
    'test-relay-outage',
  );
});
after(async () => {
  emulator.child.kill('SIGCONT');
  await publisher.close();
  await relaySql.end();
  await emulator.stop();
  await h.close();
});

/**
 * Relay transactions left idle for half a second: one held across a publish stays so for the publish's
 * 3 s, while the claim's own transaction is idle only for the moments between its statements.
 */
const relayInTransaction = async () =>
  (
    await h.db.admin`
      select count(*)::int as n from pg_stat_activity
      where usename = 'ekklesia_relay' and state like 'idle in transaction%' and datname = current_database()
        and now() - state_change > interval '500 milliseconds'`
  )[0]!.n as number;

test('a frozen Pub/Sub: the relay holds no transaction while it waits, gives up in time, and publishes once it answers', async () => {
  await seedOrg(h, 'acme');
  const [event] = await h.db.admin<{ id: string }[]>`select id from registry.outbox where published_at is null`;
  assert.ok(event);

  emulator.child.kill('SIGSTOP');
  const attempt = relayAll(relaySql, publisher, { publishTimeoutMs: 3000 });
  let seen = 'nothing';
  await waitFor('the relay to claim the event', 10_000, async () => {
    const [row] = await h.db.admin`select claimed_until from registry.outbox where id = ${event.id}`;
    if ((await relayInTransaction()) > 0) seen = 'a relay transaction left open across the publish';
    else if (row?.claimedUntil) seen = 'claimed, no transaction open';
    return seen !== 'nothing';
  });
  assert.equal(seen, 'claimed, no transaction open');
  await assert.rejects(attempt, /publish took longer than 3000 ms/);
  assert.equal(await relayInTransaction(), 0);
  const [left] = await h.db.admin`select published_at, claimed_until from registry.outbox where id = ${event.id}`;
  assert.deepEqual(left, { publishedAt: null, claimedUntil: null }, 'unpublished, and free for the next run');

  emulator.child.kill('SIGCONT');
  await waitFor('the relay to publish after the outage', 30_000, async () => {
    await relayAll(relaySql, publisher, { publishTimeoutMs: 3000 }).catch(() => 0);
    const [row] = await h.db.admin`select published_at from registry.outbox where id = ${event.id}`;
    return row?.publishedAt != null;
  });
  const ids = new Set<string>();
  await waitFor('the event on the audit topic', 15_000, async () => {
    for (const m of await pull(emulator.host, project, 'audit-sub')) ids.add(m.attributes.eventId!);
    return ids.has(event.id);
  });
  assert.deepEqual([...ids], [event.id]);
});
