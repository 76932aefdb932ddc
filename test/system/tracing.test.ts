/**
 * Traces through a vote, with the SDK's in-memory exporter and every trace
 * sampled: the chair's open and close are each one trace from the events
 * function through the signed S2S call into the elections function (its
 * statements and the seal inside), and the worker's handling of the event
 * continues it through Pub/Sub (the real emulator). The ballot side's spans
 * carry no subject, token, token hash, receipt or choice, and a voter who
 * sends the same `traceparent` with their token request and their ballot
 * gets two unrelated traces, neither of them theirs. (A queued ballot's
 * trace: tracingQueued.test.ts.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { samplingRatio } from '../../shared/common/trace/samplingRatio.js';
import { loadToolConfig } from '../../local/config.js';
import { createPublisher, type Publisher } from '../../shared/common/pubsub/index.js';
import { topics } from '../../schemas/domainEvents.js';
import { coalesceRelays, relayAll } from '../../shared/registry/outbox/index.js';
import { createSubscription, createTopics, pull, type PulledMessage } from '../../local/processes/pubsubEmulator.js';
import { waitFor } from '../../local/wait.js';
import { createInvokerVerifier } from '../../shared/common/auth/index.js';
import { loadWorkerConfig } from '../../shared/common/config/index.js';
import { mintJwt } from '../../local/idp/devIdp.js';
import { wireConsumer } from '../../workers/consumer.js';
import { auditWorker } from '../../workers/audit/handle.js';
import { createPushApp } from '../../workers/pushApp.js';
import type { WorkerDeployable } from '../../workers/deployable.js';
import { workerSettings } from '../helpers/workers.js';
import { recordSpans } from '../helpers/spans.js';
import { startHarness, seedOrg, seedElection, openElection, type Harness } from '../helpers/harness.js';
import type { TokenResponse } from '../../schemas/api.js';

// Before anything is wired: every deployable of this process then traces into it, every trace sampled.
const { reset, spans, parentOf, scopeOf, below } = recordSpans();

const emulator = loadToolConfig().PUBSUB_EMULATOR_HOST!;
const project = `tracing-${randomBytes(4).toString('hex')}`;
const invoker = {
  audience: 'https://workers.example/push',
  serviceAccount: 'pubsub-push@ekklesia.iam.gserviceaccount.com',
};

let h: Harness;
let publisher: Publisher;
let audit: WorkerDeployable;
const afterCommit = coalesceRelays(
  (orgId) => relayAll(h.db.registry, publisher, { orgId }).then(() => undefined),
  () => {},
);

before(async () => {
  await createTopics(emulator, project, topics);
  for (const topic of topics) await createSubscription(emulator, project, topic, `${topic}-sub`);
  publisher = createPublisher(project);
  h = await startHarness({ afterCommit });
  audit = wireConsumer(auditWorker, loadWorkerConfig(workerSettings(h, invoker)));
  await seedOrg(
    h,
    'acme',
    ['m1', 'm2'].map((subject) => ({ subject })),
  );
});
after(async () => {
  await afterCommit.settled();
  await publisher.close();
  await audit.stop();
  await h.close();
});

/** The chair's request's server span, once it and the elections function's span of its S2S call have ended. */
async function chairTrace(name: string): Promise<{ root: ReadableSpan; tree: ReadableSpan[] }> {
  let root: ReadableSpan | undefined;
  await waitFor(`the spans of ${name}`, 5000, async () => {
    root = spans().find((s) => scopeOf(s) === 'ekklesia.events' && s.name === name);
    return root !== undefined && below(root).some((s) => scopeOf(s) === 'ekklesia.elections');
  });
  return { root: root!, tree: below(root!) };
}

/** The elections function's server spans in the tree, each the child of an S2S client span: their names. */
function s2sHops(tree: ReadableSpan[]): string[] {
  const servers = tree.filter((s) => scopeOf(s) === 'ekklesia.elections' && s.kind === SpanKind.SERVER);
  assert.ok(servers.length > 0, 'the elections function served the S2S calls in the same trace');
  for (const server of servers) {
    const client = tree.find((s) => s.spanContext().spanId === parentOf(server));
    assert.ok(
      client && scopeOf(client) === 'ekklesia.s2s' && client.kind === SpanKind.CLIENT,
      'each the child of its call',
    );
  }
  return servers.map((s) => s.name);
}

test('the open and the close are each one trace: events → signed S2S → elections, and the worker handles the event in it', async () => {
  reset();
  const id = await seedElection(h, 'acme');
  const created = spans().find((s) => s.name === 'POST /v1/orgs/:org/elections');
  assert.ok(created, "the chair's create is a span");
  assert.deepEqual(
    below(created)
      .filter((s) => scopeOf(s) === 'ekklesia.kms')
      .map((s) => s.name)
      .sort(),
    ['KMS createCryptoKeyVersion', 'KMS encrypt'],
    "the election's key, made with KMS in the create's trace",
  );
  reset();
  const opened = await h.call('POST', `/v1/orgs/acme/elections/${id}/open`, { auth: await h.jwt('alice'), body: {} });
  assert.equal(opened.status, 200);
  const open = await chairTrace('POST /v1/orgs/:org/elections/:id/open');
  assert.equal(open.root.kind, SpanKind.SERVER);
  assert.equal(parentOf(open.root), undefined, "the chair's request is the root");
  assert.equal(open.root.attributes['http.response.status_code'], 200);
  assert.ok(s2sHops(open.tree).includes('POST /v1/s2s/orgs/:org/elections/:id/open'), 'the S2S open in the trace');
  assert.ok(
    below(open.root).some((s) => s.name === 'pg transaction' && scopeOf(s) === 'ekklesia.db'),
    'the registry transaction is a span of it',
  );
  assert.ok(
    below(open.root).some((s) => s.name === 'pg insert registry.outbox'),
    'each statement of it too, by what it does (the opened event recorded)',
  );

  // The event the open recorded reaches Pub/Sub with the open's trace context, and the worker's handling joins it.
  const traceId = open.root.spanContext().traceId;
  let message: PulledMessage | undefined;
  await waitFor('the opened event on the audit topic', 15_000, async () => {
    message ??= (await pull(emulator, project, 'audit-sub')).find((m) => m.attributes.type === 'election.opened');
    return message !== undefined;
  });
  assert.equal(message!.attributes.traceparent?.split('-')[1], traceId, "the message carries the open's trace");
  const token = await mintJwt(h.keys, {
    issuer: h.issuer,
    subject: '1234567890',
    audience: invoker.audience,
    ttlSeconds: 300,
    claims: { email: invoker.serviceAccount, email_verified: true },
  });
  const pushApp = createPushApp(audit.log, createInvokerVerifier(audit.invoker), audit.handle, 'ekklesia.audit');
  const pushed = await pushApp.request('/', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ message: { ...message, messageId: '1' }, subscription: 'projects/p/subscriptions/audit' }),
  });
  assert.equal(pushed.status, 204);
  const handled = spans().find((s) => scopeOf(s) === 'ekklesia.audit' && s.name === 'pubsub process');
  assert.ok(handled, "the worker's handling is a span");
  assert.equal(handled.spanContext().traceId, traceId, "in the open's trace");
  assert.equal(handled.kind, SpanKind.CONSUMER);
  const published = spans().find((s) => s.spanContext().spanId === parentOf(handled));
  assert.ok(
    published && published.name === 'publish audit' && published.kind === SpanKind.PRODUCER,
    'after its publish',
  );
  assert.ok(below(open.root).includes(published), "the publish is in the open's trace, under the chair's request");

  reset();
  const closed = await h.call('POST', `/v1/orgs/acme/elections/${id}/close`, { auth: await h.jwt('alice'), body: {} });
  assert.equal(closed.status, 200);
  const close = await chairTrace('POST /v1/orgs/:org/elections/:id/close');
  assert.ok(
    s2sHops(close.tree).some((name) => /\/close$|\/seal$/.test(name)),
    'the S2S close in the trace',
  );
  const closeHops = close.tree.filter((s) => scopeOf(s) === 'ekklesia.elections' && s.kind === SpanKind.SERVER);
  const seal = close.tree.find((s) => s.name === 'pg seal');
  assert.ok(seal, 'the seal is a span of the close');
  assert.ok(
    closeHops.some((hop) => below(hop).includes(seal)),
    "under the elections function's span",
  );
});

test("no ballot-side span holds a subject, token, token hash, receipt or choice; a voter's token and ballot are two traces, never the one they sent", async () => {
  const id = await seedElection(h, 'acme');
  await openElection(h, 'acme', id);
  reset();
  const sent = `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01`;
  const asked = await h.call<TokenResponse>('POST', `/v1/orgs/acme/elections/${id}/token`, {
    auth: await h.jwt('m1'),
    body: {},
    headers: { traceparent: sent },
  });
  assert.equal(asked.status, 200);
  const { token, receipt } = await asked.json();
  const cast = await h.vote('POST', `/v1/elections/${id}/ballots`, {
    auth: token,
    body: { choices: ['no'] },
    headers: { traceparent: sent },
  });
  assert.equal(cast.status, 201);
  await waitFor('both requests traced', 5000, async () =>
    ['ekklesia.events', 'ekklesia.elections'].every((scope) =>
      spans().some((s) => scopeOf(s) === scope && s.kind === SpanKind.SERVER),
    ),
  );
  const tokenSpan = spans().find((s) => s.name === 'POST /v1/orgs/:org/elections/:id/token')!;
  const ballotSpan = spans().find((s) => s.name === 'POST /v1/elections/:id/ballots')!;
  assert.ok(tokenSpan && ballotSpan);
  assert.notEqual(tokenSpan.spanContext().traceId, ballotSpan.spanContext().traceId, 'two traces');
  for (const s of spans())
    assert.notEqual(s.spanContext().traceId, 'ab'.repeat(16), 'the sent trace is never continued');
  assert.equal(parentOf(ballotSpan), undefined);
  assert.ok(
    below(ballotSpan).some((s) => s.name === 'pg ballot_box.cast_ballot'),
    'the cast statement, by name',
  );

  const secret = [
    'm1',
    token,
    receipt,
    createHash('sha256').update(token).digest('hex'),
    createHash('sha256').update(token).digest('base64url'),
  ];
  const ballotSide = [ballotSpan, ...below(ballotSpan)];
  for (const s of spans()) {
    for (const [key, value] of Object.entries(s.attributes)) {
      const text = String(value);
      for (const x of secret) assert.ok(!text.includes(x), `${s.name}: ${key} holds a secret`);
      if (ballotSide.includes(s)) {
        assert.ok(!/choice/i.test(key), `${s.name}: ${key} names a choice`);
        assert.notEqual(text, 'no', `${s.name}: ${key} holds the choice`);
      }
    }
    assert.ok(!secret.some((x) => s.name.includes(x)), `the span name ${s.name}`);
  }
});

test('a forged or altered traceparent on an S2S request: refused with the signature, no span continues it', async () => {
  reset();
  const forged = `00-${'ef'.repeat(16)}-${'12'.repeat(8)}-01`;
  const res = await fetch(`${h.elections.url}/v1/s2s/orgs/acme/elections/x/open`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: forged },
    body: '{}',
  });
  assert.equal(res.status, 401);
  await res.text();
  assert.ok(spans().every((s) => s.spanContext().traceId !== 'ef'.repeat(16)));
});

test("the share of new traces follows the database: the meeting's while it holds, TRACE_RATIO after", async () => {
  const pools = { events: h.db.registry, elections: h.electionsDeps.sql };
  for (const sql of Object.values(pools)) assert.equal(await samplingRatio(sql, 0.01), 0.01, 'no meeting: the base');
  await h.db.admin`insert into ops.trace_sampling (ratio, until) values (0.5, now() + interval '1 hour')
    on conflict (singleton) do update set ratio = excluded.ratio, until = excluded.until`;
  for (const sql of Object.values(pools)) assert.equal(await samplingRatio(sql, 0.01), 0.5, 'a meeting on: its share');
  await h.db.admin`update ops.trace_sampling set until = now() - interval '1 second'`;
  for (const sql of Object.values(pools)) assert.equal(await samplingRatio(sql, 0.01), 0.01, 'after it: the base');
  // Neither function's role may change it: only the lifecycle worker's.
  for (const sql of Object.values(pools))
    await assert.rejects(sql`update ops.trace_sampling set ratio = 1`, /permission denied/);
});
