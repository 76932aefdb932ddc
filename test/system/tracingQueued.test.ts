/**
 * A queued ballot's trace, with the SDK's in-memory exporter and every trace
 * sampled: the voter's request is its root, the enqueue (Cloud Tasks, the
 * stand-in) a span of it, and the task handler's cast continues it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { waitFor } from '../../local/wait.js';
import { recordSpans } from '../helpers/spans.js';
import { startHarness, seedOrg, seedElection, openElection, type Harness } from '../helpers/harness.js';
import type { TokenResponse } from '../../schemas/api.js';

// Before anything is wired: every deployable of this process then traces into it, every trace sampled.
const { reset, spans, parentOf, scopeOf, below } = recordSpans();

let q: Harness;
before(async () => {
  q = await startHarness({ ballotMode: 'queue' });
  await seedOrg(q, 'acme', [{ subject: 'm1' }]);
});
after(() => q.close());

test("a queued ballot: its enqueue and the task handler's cast are one trace, the voter's request its root", async () => {
  const id = await seedElection(q, 'acme');
  await openElection(q, 'acme', id);
  const { token } = await (
    await q.call<TokenResponse>('POST', `/v1/orgs/acme/elections/${id}/token`, { auth: await q.jwt('m1'), body: {} })
  ).json();
  reset();
  const cast = await q.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } });
  assert.equal(cast.status, 202, 'queued');
  let applied: ReadableSpan | undefined;
  await waitFor('the task applied', 15_000, async () => {
    applied = spans().find((s) => scopeOf(s) === 'ekklesia.ballot-tasks' && s.kind === SpanKind.SERVER);
    return applied !== undefined;
  });
  const root = spans().find((s) => s.name === 'POST /v1/elections/:id/ballots')!;
  assert.equal(parentOf(root), undefined);
  const enqueue = below(root).find((s) => s.name === 'Cloud Tasks createTask');
  assert.ok(enqueue, 'the enqueue is a span of the ballot request');
  assert.equal(applied!.spanContext().traceId, root.spanContext().traceId, 'the task continues its trace');
  assert.equal(parentOf(applied!), enqueue.spanContext().spanId);
  assert.ok(
    below(applied!).some((s) => s.name === 'pg ballot_box.cast_ballot'),
    'the queued cast, by name',
  );
});
