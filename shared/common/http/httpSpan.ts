/**
 * A request's server span. A voter's or member's request is always the root
 * of a new trace, whatever `traceparent` it sent: an unauthenticated header
 * may not force sampling, and a client may not join its token request to its
 * ballot in the operator's traces. Paths whose callers authenticate (a
 * signed S2S request, a Cloud Tasks or Pub/Sub push with an OIDC token)
 * defer the span to that check, which continues the caller's trace
 * (`continueTrace`) once it holds.
 */
import type { Context } from 'hono';
import type { Span } from '@opentelemetry/api';
import { inRootSpan, inSpanFrom, tracingOn } from '../trace/tracing.js';
import type { AppEnv } from './app.js';

function annotate(span: Span | undefined, c: Context<AppEnv>): void {
  if (!span) return;
  // The route pattern, never the path: paths can carry receipts.
  const route = c.req.routePath;
  span.updateName(`${c.req.method} ${route}`);
  span.setAttributes({
    'http.request.method': c.req.method,
    'http.route': route,
    'http.response.status_code': c.res.status,
    ...(c.get('orgId') ? { 'ekklesia.org': c.get('orgId')! } : {}),
  });
}

/** The app's middleware step: the request in a root span, unless its path's caller will continue a trace. */
export function serveInSpan(
  c: Context<AppEnv>,
  scope: string,
  deferred: boolean,
  next: () => Promise<void>,
): Promise<void> {
  if (!tracingOn()) return next();
  c.set('traceScope', scope);
  if (deferred) return next();
  return inRootSpan(scope, c.req.method, async (span) => {
    await next();
    annotate(span, c);
  });
}

/** Once the caller is authenticated: the rest of the request in a span continuing the trace in `carrier`. */
export function continueTrace(
  c: Context<AppEnv>,
  carrier: Record<string, string | undefined>,
  next: () => Promise<void>,
): Promise<void> {
  const scope = c.get('traceScope');
  if (!scope) return next();
  return inSpanFrom(carrier, scope, c.req.method, async (span) => {
    await next();
    annotate(span, c);
  });
}
