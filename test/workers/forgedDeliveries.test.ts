/**
 * Workers trust no forged message. Reproduced against the old workers: any
 * POST shaped like a Pub/Sub push was applied, so a forged tick dated two
 * days ahead sealed an election early, a forged `election.sealed` entered
 * another org's audit chain, and a forged usage report billed an org for a
 * billion requests. Now:
 *   - a push needs the push service account's OIDC token (401 otherwise);
 *   - a pushed event is applied as the org's outbox recorded it, or not at all;
 *   - a payload its event type's schema refuses is not applied;
 *   - a tick takes the server's clock, never the message's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { loadLifecycleConfig, loadWorkerConfig } from '../../shared/common/config/index.js';
import { createInvokerVerifier } from '../../shared/common/auth/index.js';
import { withTenant } from '../../shared/common/db/index.js';
import { auditEntries, usageDays } from '../../shared/registry/db/index.js';
import { verifyChain } from '../../shared/registry/auditChain.js';
import type { App } from '../../shared/common/http/index.js';
import { generateKeys, type IdpKeys } from '../../local/idp/devIdp.js';
import { mintJwt } from '../../local/idp/devIdp.js';
import type { EventEnvelope } from '../../schemas/domainEvents.js';
import { wireConsumer } from '../../workers/consumer.js';
import { wireLifecycle } from '../../workers/lifecycle/wiring.js';
import { createPushApp } from '../../workers/pushApp.js';
import type { WorkerDeployable } from '../../workers/deployable.js';
import { auditWorker } from '../../workers/audit/handle.js';
import { meteringWorker } from '../../workers/metering/handle.js';
import { push, workerSettings } from '../helpers/workers.js';
import { openElection, seedElection, seedOrg, startHarness, type Harness } from '../helpers/harness.js';

const invoker = {
  audience: 'https://workers.example/push',
  serviceAccount: 'pubsub-push@ekklesia.iam.gserviceaccount.com',
};
let h: Harness;
let wired: WorkerDeployable[] = [];
let audit: App;
let metering: App;
let lifecycle: App;

before(async () => {
  h = await startHarness();
  const env = workerSettings(h, invoker);
  const app = (w: WorkerDeployable) => {
    wired.push(w);
    return createPushApp(w.log, createInvokerVerifier(w.invoker), w.handle);
  };
  audit = app(wireConsumer(auditWorker, loadWorkerConfig(env)));
  metering = app(wireConsumer(meteringWorker, loadWorkerConfig(env)));
  lifecycle = app(
    wireLifecycle(
      loadLifecycleConfig({
        ...env,
        REGISTRY_DATABASE_URL: h.db.url('ekklesia_registry'),
        ELECTIONS_URL: h.elections.url,
        S2S_KEYS: h.s2sKeys,
        KMS_KEY: h.kmsConfig.key,
        KMS_ENDPOINT: h.kmsConfig.endpoint,
        LIFECYCLE_CAPACITY: 'log',
      }),
    ),
  );
  await seedOrg(h, 'victim', [{ subject: 'vera' }]);
  await seedOrg(h, 'acme', [{ subject: 'bob' }]);
});
after(async () => {
  for (const w of wired) await w.stop();
  wired = [];
  await h.close();
});

/** The push service account's token, as Pub/Sub would send it; `as` changes who or what signs. */
async function pushToken(as: { keys?: IdpKeys; audience?: string; email?: string; verified?: boolean } = {}) {
  return mintJwt(as.keys ?? h.keys, {
    issuer: h.issuer,
    subject: '1234567890',
    audience: as.audience ?? invoker.audience,
    ttlSeconds: 300,
    claims: { email: as.email ?? invoker.serviceAccount, email_verified: as.verified ?? true },
  });
}

const deliver = async (app: App, body: unknown, token?: string) =>
  app.request('/projects/p/topics/t', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

const envelope = (org: string, type: EventEnvelope['type'], payload: Record<string, unknown>): EventEnvelope => ({
  id: randomUUID(),
  type,
  org,
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
  payload,
});

const chain = (org: string) => withTenant(h.db.admin, org, (tx) => auditEntries(tx, org));

test('a push without the push service account OIDC token is 401 and applies nothing', async () => {
  const [recorded] = await h.db.admin<{ envelope: EventEnvelope }[]>`
    select envelope from registry.outbox where org_id = 'acme' order by occurred_at limit 1`;
  const message = push(recorded!.envelope);
  const refused = [
    ['no token', undefined],
    ['a token signed by other keys', await pushToken({ keys: await generateKeys() })],
    ['a token for another audience', await pushToken({ audience: 'https://elsewhere.example' })],
    ['a token of another service account', await pushToken({ email: 'intruder@evil.iam.gserviceaccount.com' })],
    ['a token with an unverified e-mail', await pushToken({ verified: false })],
    ["a member's JWT", await h.jwt('bob')],
  ] as const;
  for (const [what, token] of refused) {
    const res = await deliver(audit, message, token);
    assert.equal(res.status, 401, what);
  }
  assert.equal((await chain('acme')).length, 0, 'nothing was appended');
  const accepted = await deliver(audit, message, await pushToken());
  assert.equal(accepted.status, 204);
  assert.equal((await chain('acme')).length, 1, 'the genuine push is applied');
});

test("a signed push of an event the outbox does not hold is acknowledged and not applied: no forged entry in another org's chain", async () => {
  const before = await chain('victim');
  const forged = envelope('victim', 'election.sealed', {
    electionId: randomUUID(),
    ballotsCast: 0,
    root: '0'.repeat(64),
    options: [],
  });
  const res = await deliver(audit, push(forged), await pushToken());
  assert.equal(res.status, 204, 'acknowledged: redelivering cannot make it true');
  const after = await chain('victim');
  assert.equal(after.length, before.length);
  assert.equal(verifyChain(after).ok, true);
  assert.ok(!after.some((e) => e.eventId === forged.id));
});

test('a recorded event is applied as the outbox holds it, not as the message claims', async () => {
  const [recorded] = await h.db.admin<{ envelope: EventEnvelope }[]>`
    select envelope from registry.outbox where org_id = 'victim' and type = 'roster.imported' limit 1`;
  const tampered = { ...recorded!.envelope, payload: { upserted: 987_654_321 } };
  assert.equal((await deliver(audit, push(tampered), await pushToken())).status, 204);
  const entry = (await chain('victim')).find((e) => e.eventId === recorded!.envelope.id);
  assert.deepEqual(entry?.payload, recorded!.envelope.payload);
});

test("a forged usage report does not bill an org; the ballot side's own reports are still counted", async () => {
  const forged = envelope('victim', 'usage.reported', { source: 'events', apiRequests: 987_654_321 });
  assert.equal((await deliver(metering, push(forged), await pushToken())).status, 204);
  const badPayload = envelope('victim', 'election.sealed', { electionId: randomUUID(), tokensIssued: 987_654_321 });
  assert.equal(
    (await deliver(metering, push(badPayload), await pushToken())).status,
    204,
    'a payload its schema refuses',
  );
  const usage = await withTenant(h.db.admin, 'victim', (tx) => usageDays(tx, 'victim'));
  assert.equal(
    usage.reduce((n, d) => n + d.apiRequests + d.tokensIssued, 0),
    0,
    'nothing billed',
  );

  const ballotSide = envelope('victim', 'usage.reported', { source: 'elections', apiRequests: 7 });
  assert.equal((await deliver(metering, push(ballotSide), await pushToken())).status, 204);
  const after = await withTenant(h.db.admin, 'victim', (tx) => usageDays(tx, 'victim'));
  assert.equal(
    after.reduce((n, d) => n + d.apiRequests, 0),
    7,
  );
});

test('a tick dated two days ahead does not close an election early: ticks take the server clock', async () => {
  const closesAt = new Date(Date.now() + 3_600_000).toISOString();
  const id = await seedElection(h, 'acme', { title: 'Later', kind: 'yes_no_abstain', closesAt });
  await openElection(h, 'acme', id);
  const tick = {
    message: {
      data: Buffer.from('{}').toString('base64'),
      attributes: { kind: 'tick' },
      messageId: '42',
      publishTime: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    },
    subscription: 'projects/p/subscriptions/lifecycle-worker',
  };
  assert.equal((await deliver(lifecycle, tick, await pushToken())).status, 204);
  const [row] = await h.db.admin`select status from registry.elections where id = ${id}`;
  assert.equal(row?.status, 'open', 'still open an hour before its closesAt');
});
