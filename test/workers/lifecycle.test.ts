/**
 * The lifecycle worker: meetings become plans; ticks pre-warm 30 minutes
 * ahead and scale back after, with the exact Google admin requests checked
 * against a local stand-in for the Cloud Run and Cloud SQL Admin APIs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { withTenant } from '../../shared/common/db/index.js';
import { auditEntries } from '../../shared/registry/db/index.js';
import { verifyChain } from '../../shared/registry/auditChain.js';
import { consume } from '../../shared/registry/consume.js';
import { createCapacity } from '../../shared/common/gcp/capacity.js';
import { createLogger } from '../../shared/common/log.js';
import type { EventEnvelope } from '../../schemas/domainEvents.js';
import { lifecycleWorker } from '../../workers/lifecycle/handle.js';
import { tick, type TickDeps } from '../../workers/lifecycle/tick.js';
import type { LifecyclePolicy } from '../../shared/common/config/index.js';
import { startHarness, seedOrg, type Harness } from '../helpers/harness.js';
import { push, workerDeps } from '../helpers/workers.js';
import { waitFor } from '../../local/wait.js';

type Seen = { method: string; url: string; auth: string | undefined; body: unknown };
let h: Harness;
let deps: ReturnType<typeof workerDeps>;
let standIn: Server;
let seen: Seen[] = [];
let failNext = false;
/** While set, the stand-in keeps its answers back until they are released: a Google API that does not answer. */
let held: (() => void)[] | undefined;
let tickDeps: TickDeps;

const policy: LifecyclePolicy = {
  leadMinutes: 30,
  defaultHours: 4,
  warmMinInstances: 10,
  baseMinInstances: 0,
  tierThreshold: 300,
  voteWindowS: 5,
  ballotsPerInstance: 650,
  maxInstances: 20,
  warmTier: 'db-custom-2-7680',
  baseTier: 'db-f1-micro',
  warmAvailability: 'REGIONAL',
  baseAvailability: 'ZONAL',
  meetingTraceRatio: 0.5,
};
const start = new Date('2027-03-01T18:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

before(async () => {
  h = await startHarness();
  deps = workerDeps(h.db);
  standIn = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        body: JSON.parse(body || 'null'),
      });
      const status = failNext ? 503 : 200;
      failNext = false;
      const answer = () =>
        res.writeHead(status, { 'content-type': 'application/json' }).end('{"name":"operations/op-1"}');
      if (held) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((r) => standIn.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(standIn.address() as { port: number }).port}`;
  tickDeps = {
    sql: deps.sql,
    policy,
    log: createLogger({ level: 'silent', project: undefined }, 'test'),
    capacity: createCapacity(
      {
        project: 'ekk-prod',
        region: 'europe-west1',
        service: 'elections',
        sqlInstance: 'ekk-db',
        runApi: base,
        sqlApi: base,
      },
      async () => 'test-token',
    ),
  };
  await seedOrg(h, 'acme');
  await seedOrg(h, 'small');
  const meeting = async (org: string, body: object) =>
    h.call('POST', `/v1/orgs/${org}/meetings`, { auth: await h.jwt('alice'), body });
  await meeting('acme', {
    title: 'Congress',
    startsAt: start.toISOString(),
    endsAt: at(120).toISOString(),
    expectedAttendees: 1500,
  });
  await meeting('small', { title: 'Board', startsAt: at(60).toISOString(), expectedAttendees: 12 });
  const events = await h.db.admin<
    { envelope: EventEnvelope }[]
  >`select envelope from registry.outbox where type = 'meeting.scheduled' order by occurred_at`;
  for (const { envelope } of events) assert.equal(await consume(deps, lifecycleWorker, push(envelope)), 'applied');
});
after(async () => {
  await new Promise((r) => standIn.close(r));
  await deps.sql.end();
  await h.close();
});

const run = (path: string) => `/v2/projects/ekk-prod/locations/europe-west1/services/elections${path}`;
/** A meeting's database: dedicated cores and a standby in another zone; at rest, a shared core in one zone. */
const warm = { tier: 'db-custom-2-7680', availability: 'REGIONAL' } as const;
const base = { tier: 'db-f1-micro', availability: 'ZONAL' } as const;
const sqlPatch = (size: { tier: string; availability: string }) => ({
  method: 'PATCH',
  url: '/v1/projects/ekk-prod/instances/ekk-db',
  auth: 'Bearer test-token',
  body: { settings: { tier: size.tier, availabilityType: size.availability } },
});
const runPatch = (n: number) => ({
  method: 'PATCH',
  url: run('?updateMask=scaling.minInstanceCount'),
  auth: 'Bearer test-token',
  body: { scaling: { minInstanceCount: n } },
});

/**
 * A meeting day, tick by tick: one test, because each tick's decision depends
 * on what the earlier ticks did (the plans' marks). Two meetings: a congress
 * of 1,500 (18:00–20:00) and a board of 12 (19:00, no end: 4 h by default).
 */
test('a meeting day, tick by tick: pre-warm 30 minutes ahead once, retry a failed call, scale back after, audit each step', async () => {
  // nothing happens before the lead time
  seen = [];
  await tick(tickDeps, at(-31));
  assert.deepEqual(seen, []);

  // 30 minutes ahead: minimum instances raised and, for a large meeting, the database tier and standby; once
  seen = [];
  const decision = await tick(tickDeps, at(-30));
  assert.deepEqual(decision.capacity, { minInstances: 10, database: warm });
  assert.deepEqual(seen, [runPatch(10), sqlPatch(warm)]);
  // and the functions' trace sampling raised until the congress ends (shared/common/trace/samplingRatio.ts)
  const sampling = async () => [...(await h.db.admin`select ratio, until from ops.trace_sampling`)];
  assert.deepEqual(await sampling(), [{ ratio: 0.5, until: at(120) }]);
  seen = [];
  await tick(tickDeps, at(-29)); // a later or redelivered tick changes nothing
  assert.deepEqual(seen, []);

  // a failed admin call marks nothing, so the next tick tries again
  seen = [];
  failNext = true;
  await assert.rejects(tick(tickDeps, at(31)), /answered 503/);
  const [small] = await h.db.admin`select prewarmed_at from registry.meeting_plans where org_id = 'small'`;
  assert.equal(small?.prewarmedAt, null);
  seen = [];
  await tick(tickDeps, at(31)); // the small board meeting's pre-warm, while the congress is still on
  assert.deepEqual(seen, [runPatch(10), sqlPatch(warm)]);

  // after the last meeting ends, capacity goes back down; every step is in the org audit chains
  seen = [];
  await tick(tickDeps, at(121)); // the congress ended, the board (4 h by default) is still on
  assert.deepEqual(seen, [runPatch(10), sqlPatch(base)]);
  seen = [];
  assert.deepEqual(await sampling(), [{ ratio: 0.5, until: at(60 + 4 * 60) }], 'raised until the board ends');
  await tick(tickDeps, at(60 + 4 * 60 + 1));
  assert.deepEqual(seen, [runPatch(0), sqlPatch(base)]);
  assert.deepEqual(await sampling(), [{ ratio: 0, until: at(60 + 4 * 60 + 1) }], 'lowered: TRACE_RATIO again');
  seen = [];
  await tick(tickDeps, at(60 * 24));
  assert.deepEqual(seen, []);
  for (const org of ['acme', 'small']) {
    const entries = await withTenant(h.db.admin, org, (tx) => auditEntries(tx, org));
    assert.deepEqual(
      entries.filter((e) => e.type.startsWith('lifecycle.')).map((e) => e.type),
      ['lifecycle.prewarmed', 'lifecycle.scaled_down'],
    );
    assert.equal(verifyChain(entries).ok, true);
  }
});

test('a Google admin API that does not answer: the tick waits with no transaction open, and two ticks audit a step once', async () => {
  const startsAt = at(60 * 72);
  await h.call('POST', '/v1/orgs/small/meetings', {
    auth: await h.jwt('alice'),
    body: { title: 'Late board', startsAt: startsAt.toISOString(), expectedAttendees: 9 },
  });
  const [scheduled] = await h.db.admin<{ envelope: EventEnvelope }[]>`
    select envelope from registry.outbox where type = 'meeting.scheduled' order by occurred_at desc limit 1`;
  assert.equal(await consume(deps, lifecycleWorker, push(scheduled!.envelope)), 'applied');

  seen = [];
  held = [];
  const twoTicks = Promise.all([tick(tickDeps, at(60 * 72 - 30)), tick(tickDeps, at(60 * 72 - 30))]);
  await waitFor('both ticks to call the admin API', 10_000, async () => held!.length >= 2);
  const [activity] = await h.db.admin<{ open: number }[]>`
    select count(*)::int as open from pg_stat_activity
    where datname = current_database() and usename = 'ekklesia_worker' and state like 'idle in transaction%'`;
  assert.equal(activity?.open, 0, 'no worker transaction is open while the admin API keeps its answer');
  const waiting = held;
  held = undefined; // the API answers again: the calls held back, and every later one at once
  for (const answer of waiting) answer();
  const decisions = await twoTicks;
  assert.deepEqual(
    decisions.map((d) => d.capacity),
    [
      { minInstances: 10, database: base },
      { minInstances: 10, database: base },
    ],
    'both ticks saw the same meetings and decided alike',
  );
  const entries = await withTenant(h.db.admin, 'small', (tx) => auditEntries(tx, 'small'));
  const late = entries.filter(
    (e) =>
      e.type === 'lifecycle.prewarmed' &&
      (e.payload as { meetingId: string }).meetingId === scheduled!.envelope.payload.meetingId,
  );
  assert.equal(late.length, 1, 'the step is audited once');
  assert.equal(verifyChain(entries).ok, true);
});
