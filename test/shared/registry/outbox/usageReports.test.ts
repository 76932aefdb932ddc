/** API requests: counted per org in memory, reported once a minute, metered. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createApp, RequestCounter } from '../../../../shared/common/http/index.js';
import { createLogger } from '../../../../shared/common/log.js';
import { loadToolConfig } from '../../../../local/config.js';
import { withTenant } from '../../../../shared/common/db/index.js';
import { usageDays } from '../../../../shared/registry/db/index.js';
import { createPublisher } from '../../../../shared/common/pubsub/index.js';
import { consume } from '../../../../shared/registry/consume.js';
import { recordUsage } from '../../../../shared/registry/outbox/index.js';
import { publishUsage } from '../../../../functions/elections/usageReports.js';
import { createSubscription, createTopics, pull } from '../../../../local/pubsubEmulator.js';
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
  await recordUsage(h.db.registry, new Map([['acme', 42]]));
  const [row] = await h.db.admin<
    { envelope: EventEnvelope }[]
  >`select envelope from registry.outbox where type = 'usage.reported'`;
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
    await publishUsage(publisher, new Map([['acme', 7]]));
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
