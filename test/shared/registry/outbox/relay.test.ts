/** The outbox relay against the real Pub/Sub emulator. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadToolConfig } from '../../../../local/config.js';
import type { Sql } from '../../../../shared/common/db/index.js';
import { workerDeps } from '../../../helpers/workers.js';
import { createPublisher, type Publisher } from '../../../../shared/common/pubsub/index.js';
import { topics } from '../../../../schemas/domainEvents.js';
import { relayAll } from '../../../../shared/registry/outbox/index.js';
import {
  createSubscription,
  createTopics,
  pull,
  type PulledMessage,
} from '../../../../local/processes/pubsubEmulator.js';
import { waitFor } from '../../../../local/wait.js';
import { startHarness, seedOrg, seedElection, tokenFor, type Harness } from '../../../helpers/harness.js';

const emulator = loadToolConfig().PUBSUB_EMULATOR_HOST!;
const project = `relay-${randomBytes(4).toString('hex')}`;
let h: Harness;
let relaySql: Sql;
let publisher: Publisher;

before(async () => {
  h = await startHarness();
  relaySql = workerDeps(h.db, 'ekklesia_relay').sql;
  await createTopics(emulator, project, topics);
  for (const topic of topics) await createSubscription(emulator, project, topic, `${topic}-sub`);
  publisher = createPublisher(project);
});
after(async () => {
  await publisher.close();
  await relaySql.end();
  await h.close();
});

async function drain(topic: string, expected: number): Promise<PulledMessage[]> {
  const got: PulledMessage[] = [];
  await waitFor(
    `${expected} messages on ${topic}`,
    15_000,
    async () => {
      got.push(...(await pull(emulator, project, `${topic}-sub`)));
      return got.length >= expected;
    },
    100,
  );
  return got;
}

const unpublished = async () =>
  await h.db.admin<
    { id: string; topics: string[] }[]
  >`select id, topics from registry.outbox where published_at is null`;

test('the relay publishes every outbox event to its topics once, with the event id as an attribute, and marks it', async () => {
  await seedOrg(h, 'acme', [{ subject: 'bob' }]);
  const election = await seedElection(h, 'acme');
  await tokenFor(h, 'acme', election, 'bob');
  const pending = await unpublished();
  assert.ok(pending.length >= 3);

  // Two relays at once: skipped locks keep them from publishing an event twice.
  const [a, b] = await Promise.all([relayAll(relaySql, publisher), relayAll(relaySql, publisher)]);
  assert.equal(a + b, pending.length);
  assert.equal((await unpublished()).length, 0);

  for (const topic of topics) {
    const expected = pending
      .filter((p) => p.topics.includes(topic))
      .map((p) => p.id)
      .sort();
    const messages = await drain(topic, expected.length);
    assert.deepEqual(messages.map((m) => m.attributes.eventId).sort(), expected, topic);
    for (const m of messages) assert.equal(JSON.parse(m.data).id, m.attributes.eventId);
  }
  assert.equal(await relayAll(relaySql, publisher), 0, 'nothing left to publish');
});

test('the org-scoped relay (after a commit) sees only its own org', async () => {
  await seedOrg(h, 'one');
  await seedOrg(h, 'two');
  const sent = await relayAll(h.db.registry, publisher, { orgId: 'one' });
  assert.equal(sent, 1);
  const left = await h.db.admin<{ orgId: string }[]>`select org_id from registry.outbox where published_at is null`;
  assert.deepEqual(
    left.map((r) => r.orgId),
    ['two'],
  );
  await relayAll(relaySql, publisher);
  for (const topic of topics) await pull(emulator, project, `${topic}-sub`);
});

test('when publishing fails, the events stay unpublished for the next run', async () => {
  await seedOrg(h, 'later');
  const broken = createPublisher(`missing-${randomBytes(4).toString('hex')}`); // a project without topics
  try {
    await assert.rejects(relayAll(relaySql, broken));
  } finally {
    await broken.close();
  }
  assert.equal((await unpublished()).length, 1);
  assert.equal(await relayAll(relaySql, publisher), 1);
});

test('the relay role reads the outbox and nothing else', async () => {
  await assert.rejects(relaySql`select * from registry.members`, /permission denied/);
  await assert.rejects(relaySql`update registry.outbox set envelope = '{}'`, /permission denied/);
});
