/** API requests: counted per org in memory, reported once a minute, metered. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createApp, RequestCounter, type UsageReport } from '../../../../shared/common/http/index.js';
import { createLogger } from '../../../../shared/common/log.js';
import { loadToolConfig } from '../../../../local/config.js';
import { withTenant } from '../../../../shared/common/db/index.js';
import { usageDays } from '../../../../shared/registry/db/index.js';
import { createPublisher } from '../../../../shared/common/pubsub/index.js';
import { consume } from '../../../../shared/registry/consume.js';
import { recordUsage } from '../../../../shared/registry/outbox/index.js';
import { publishUsage } from '../../../../functions/elections/usageReports.js';
import { createSubscription, createTopics, pull } from '../../../../local/processes/pubsubEmulator.js';
import { waitFor } from '../../../../local/wait.js';
import type { EventEnvelope } from '../../../../schemas/domainEvents.js';
import { meteringWorker } from '../../../../workers/metering/handle.js';
import { startHarness, seedOrg, type Harness } from '../../../helpers/harness.js';
import { push, workerDeps } from '../../../helpers/workers.js';

let h: Harness;
let deps: ReturnType<typeof workerDeps>;
before(async () => {
  h = await startHarness();
  deps = workerDeps(h.db);
  await seedOrg(h, 'acme');
});
after(async () => {
  await deps.sql.end();
  await h.close();
});

test('the app counts each request against the org it served', async () => {
  const requests = new RequestCounter();
  const app = createApp({
    log: createLogger({ level: 'silent', project: undefined }, 't'),
    health: async () => ({ ok: true }),
    requests,
  });
  app.get('/orgs/:org', (c) => {
    c.set('orgId', c.req.param('org'));
    return c.json({});
  });
  await app.request('/orgs/acme');
  await app.request('/orgs/acme');
  await app.request('/orgs/other');
  await app.request('/healthz');
  assert.deepEqual(
    [...requests.drain()],
    [
      ['acme', 2],
      ['other', 1],
    ],
  );
  assert.equal(requests.drain().size, 0, 'drained');
});

test('registry-side counts go through the outbox; the metering worker adds them to the day', async () => {
  const report = { orgId: 'acme', apiRequests: 42, reportId: randomUUID() };
  await recordUsage(h.db.registry, report);
  await recordUsage(h.db.registry, report); // a retry of a report whose answer was lost
  const rows = await h.db.admin<
    { envelope: EventEnvelope }[]
  >`select envelope from registry.outbox where type = 'usage.reported'`;
  assert.equal(rows.length, 1, 'recorded once');
  const [row] = rows;
  assert.deepEqual(row?.envelope.payload, { source: 'events', apiRequests: 42 });
  assert.equal(await consume(deps, meteringWorker, push(row!.envelope)), 'applied');
  assert.equal(await consume(deps, meteringWorker, push(row!.envelope)), 'duplicate');
  const days = await withTenant(h.db.admin, 'acme', (tx) => usageDays(tx, 'acme'));
  assert.equal(days[0]?.apiRequests, 42);
});

test('ballot-side counts are published straight to the metering topic', async () => {
  const emulator = loadToolConfig().PUBSUB_EMULATOR_HOST!;
  const project = `usage-${randomBytes(4).toString('hex')}`;
  await createTopics(emulator, project, ['metering']);
  await createSubscription(emulator, project, 'metering', 'metering-sub');
  const publisher = createPublisher(project);
  try {
    await publishUsage(publisher, { orgId: 'acme', apiRequests: 7, reportId: randomUUID() });
  } finally {
    await publisher.close();
  }
  const got: { data: string }[] = [];
  await waitFor(
    'the usage report',
    15_000,
    async () => {
      got.push(...(await pull(emulator, project, 'metering-sub')));
      return got.length >= 1;
    },
    100,
  );
  const envelope = JSON.parse(got[0]!.data) as EventEnvelope;
  assert.deepEqual(
    { type: envelope.type, org: envelope.org, payload: envelope.payload },
    { type: 'usage.reported', org: 'acme', payload: { source: 'elections', apiRequests: 7 } },
  );
});

test('a report that fails is logged and delivered at the next flush under the same id: no request lost or counted twice', async () => {
  const emulator = loadToolConfig().PUBSUB_EMULATOR_HOST!;
  const project = `usage-${randomBytes(4).toString('hex')}`; // no metering topic yet: publishing fails
  const publisher = createPublisher(project);
  const requests = new RequestCounter();
  const failed: UsageReport[] = [];
  const flush = () =>
    requests.flush(
      (report) => publishUsage(publisher, report),
      (_err, report) => failed.push(report),
    );
  try {
    for (let i = 0; i < 3; i++) requests.count('acme');
    await flush();
    assert.deepEqual(
      failed.map((r) => [r.orgId, r.apiRequests]),
      [['acme', 3]],
      'the failure is reported',
    );
    assert.deepEqual([...requests.undelivered()], [['acme', 3]], 'and its requests are kept');

    await createTopics(emulator, project, ['metering']);
    await createSubscription(emulator, project, 'metering', 'metering-sub');
    for (let i = 0; i < 2; i++) requests.count('acme');
    await flush();
    assert.equal(failed.length, 1, 'the retry went through');
    assert.deepEqual([...requests.undelivered()], []);
  } finally {
    await publisher.close();
  }
  const got: EventEnvelope[] = [];
  await waitFor(
    'both reports',
    15_000,
    async () => {
      got.push(...(await pull(emulator, project, 'metering-sub')).map((m) => JSON.parse(m.data) as EventEnvelope));
      return got.length >= 2;
    },
    100,
  );
  const byId = new Map(got.map((e) => [e.id, (e.payload as { apiRequests: number }).apiRequests]));
  assert.equal(byId.get(failed[0]!.reportId), 3, 'the failed report, delivered under the id it was made with');
  assert.deepEqual([...byId.values()].sort(), [2, 3]);
  for (const envelope of got) assert.equal(await consume(deps, meteringWorker, push(envelope)), 'applied');
  assert.equal(await consume(deps, meteringWorker, push(got[0]!)), 'duplicate');
});
