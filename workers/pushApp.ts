/**
 * A worker's HTTP face: Pub/Sub pushes (and Cloud Scheduler's calls) arrive
 * as POSTs with an OIDC token, checked before anything is read; then the
 * body goes to the worker. 204 acknowledges; a failure answers 500, so
 * Pub/Sub redelivers; a caller without a valid token gets 401 and nothing
 * happens. Built on the one app factory: request ids, logs, the error shape.
 */
import { ApiError, createApp, header, parseJson, readText, type App } from '../shared/common/http/index.js';
import type { VerifyInvoker } from '../shared/common/auth/index.js';
import type { Logger } from '../shared/common/log.js';
import * as v from 'valibot';
import { SpanKind } from '@opentelemetry/api';
import { inSpanFrom } from '../shared/common/trace/tracing.js';

export type PushHandler = (data: unknown) => Promise<unknown>;

export function createPushApp(log: Logger, verify: VerifyInvoker, handle: PushHandler, scope = 'ekklesia.worker'): App {
  // Every push authenticates: its span starts once the token holds and continues the publisher's trace.
  const app = createApp({ log, health: async () => ({ ok: true }), traceScope: scope, continuesTrace: () => true });
  app.post('/*', async (c) => {
    if (!(await verify(header(c, 'authorization')))) {
      throw new ApiError('unauthenticated', 'a valid OIDC token of the push service account is required');
    }
    const data = parseJson(await readText(c), v.unknown());
    // The publisher's trace context travels in the message's attributes (shared/common/pubsub/publisher.ts).
    const traceparent = (data as { message?: { attributes?: { traceparent?: unknown } } } | undefined)?.message
      ?.attributes?.traceparent;
    await inSpanFrom(
      { traceparent: typeof traceparent === 'string' ? traceparent : undefined },
      scope,
      'pubsub process',
      () => handle(data),
      SpanKind.CONSUMER,
    );
    return c.body(null, 204);
  });
  return app;
}
