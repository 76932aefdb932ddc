/**
 * The one Hono app factory every function uses: request id, per-request child
 * logger with trace fields, a 64 KiB body limit (with readText), an
 * access-log line, the single error handler (a database or peer that is
 * away or not answering: 503 unavailable with Retry-After), `GET /healthz`, each API's
 * OpenAPI document and docs, 405 for a known path with another method, and
 * the security headers every answer carries.
 * Functions only register their routes on it.
 */
import { Hono } from 'hono';
import type { Logger } from '../log.js';
import { ApiError, errorStatuses, retryAfterSeconds, type ErrorBody } from './errors.js';
import { DomainError } from '../domainError.js';
import { DeadlineError } from '../deadline.js';
import { databaseUnavailable } from '../db/unavailable.js';
import { requestIdFrom, traceFrom, traceLogFields } from './trace.js';
import { maxBodyBytes, throwTooLarge } from './limits.js';
import { header } from './header.js';
import { serveInSpan } from './httpSpan.js';
import type { RequestCounter } from './requestCounter.js';
import { matchPath, type RouteContract } from './contract.js';
import { registerDocuments, withBuiltins, type ApiDocument } from './builtins.js';

export { maxBodyBytes };

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    /** Set by auth once the tenant is known, for the access log. */
    orgId?: string;
    /** A signed S2S request's deadline (Unix ms): a change that cannot commit before it is not made. */
    deadline?: number;
    /** Set while tracing is on: the deployable's span scope, for a span an authenticated caller continues. */
    traceScope?: string;
  };
};

export type App = Hono<AppEnv>;

export type Health = () => Promise<{ ok: boolean } & Record<string, unknown>>;

export type AppOptions = {
  log: Logger;
  project?: string | undefined;
  health: Health;
  /**
   * `all`: a line for every request. `failures`: only for answers of 400 and
   * above or slower than `slowMs`; for a hot path whose successes the
   * platform's request log already records (Cloud Run logs every request).
   */
  accessLog?: 'all' | 'failures';
  /**
   * Route patterns logged as `failures` whatever `accessLog` says: a hot path
   * in an otherwise fully logged function (the voting token, whose successes
   * would put each member's request time in the log, docs/threat-model.md).
   */
  quietRoutes?: readonly string[];
  /** Counts each request against its org, for metering. */
  requests?: RequestCounter;
  /** The function's APIs: their route contracts, served as documents. */
  documents?: readonly ApiDocument[];
  /** The span scope of the deployable (ekklesia.events, …). */
  traceScope?: string;
  /**
   * Paths whose callers authenticate and may continue their trace (S2S, task and push handlers): their span starts
   * at that check (httpSpan.ts `continueTrace`). Every other request is the root of a new trace.
   */
  continuesTrace?: (path: string) => boolean;
};

const slowMs = 500;

export function createApp({
  log,
  project,
  health,
  accessLog = 'all',
  quietRoutes = [],
  requests,
  documents = [],
  traceScope = 'ekklesia',
  continuesTrace = () => false,
}: AppOptions): App {
  const app = new Hono<AppEnv>();
  const quiet = new Set(quietRoutes);

  app.use(async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(header(c, 'x-request-id'));
    const trace = traceFrom(header(c, 'traceparent'), header(c, 'x-cloud-trace-context'));
    const child = log.child({ requestId, ...traceLogFields(trace, project) });
    c.set('requestId', requestId);
    c.set('log', child);
    // Set before the response exists: changing a built response's headers
    // makes @hono/node-server rebuild it as a WHATWG Response and stream it.
    c.header('x-request-id', requestId);
    // Every answer, the docs pages and /healthz included: no sniffing a JSON body into a script, no framing,
    // and, behind TLS (Cloud Run's front end says so), HTTPS only from then on.
    c.header('x-content-type-options', 'nosniff');
    c.header('x-frame-options', 'DENY');
    c.header('referrer-policy', 'no-referrer');
    if (header(c, 'x-forwarded-proto') === 'https') c.header('strict-transport-security', 'max-age=31536000');
    // Declared sizes are refused here; readText() counts the bytes of the
    // bodies it reads (hono's bodyLimit would build a WHATWG stream per request).
    if (Number(header(c, 'content-length') ?? 0) > maxBodyBytes) throwTooLarge();
    await serveInSpan(c, traceScope, continuesTrace(c.req.path), next);
    requests?.count(c.get('orgId'));
    const status = c.res.status;
    const latency = performance.now() - started;
    if ((accessLog === 'failures' || quiet.has(c.req.routePath)) && status < 400 && latency < slowMs) return;
    // The route pattern, never the concrete path: paths can carry receipts.
    const line = {
      method: c.req.method,
      route: c.req.routePath,
      status,
      latencyMs: Math.round(latency * 100) / 100,
      orgId: c.get('orgId'),
    };
    if (status >= 500) child.warn(line, 'request failed');
    else child.info(line, 'request');
  });

  app.get('/healthz', async (c) => {
    const report = await health().catch((err: unknown) => {
      c.get('log').error({ err }, 'health check failed');
      return { ok: false };
    });
    if (report.ok) return c.json({ status: 'ok', ...report }, 200);
    // As every 503: the error shape and when to ask again; what the check saw goes to the log.
    c.get('log').warn({ health: report }, 'unhealthy');
    c.header('Retry-After', String(retryAfterSeconds.unavailable));
    const body: ErrorBody = {
      code: 'unavailable',
      message: 'this instance cannot reach its database',
      requestId: c.get('requestId'),
    };
    return c.json(body, errorStatuses.unavailable);
  });

  const contracts: RouteContract[] = withBuiltins(documents).flatMap((d) => d.routes);
  registerDocuments(app, withBuiltins(documents));

  app.notFound((c) => {
    const requestId = c.get('requestId');
    // A path the function has, asked with another method: 405 and what it allows (RFC 9110 §15.5.6).
    const path = new URL(c.req.url).pathname;
    const allowed = contracts.filter((r) => matchPath(r.path, path)).map((r) => r.method);
    if (allowed.length) {
      c.header('Allow', [...new Set([...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])])].join(', '));
      const body: ErrorBody = { code: 'method_not_allowed', message: `allowed: ${allowed.join(', ')}`, requestId };
      return c.json(body, 405);
    }
    const body: ErrorBody = { code: 'not_found', message: 'no such route', requestId };
    return c.json(body, 404);
  });

  app.onError((err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof ApiError || err instanceof DomainError) {
      const retryAfter = (err instanceof ApiError ? err.retryAfterSeconds : undefined) ?? retryAfterSeconds[err.code];
      if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
      const body: ErrorBody = { code: err.code, message: err.message, requestId };
      return c.json(body, errorStatuses[err.code]);
    }
    if (err instanceof DeadlineError || databaseUnavailable(err)) {
      // The database (or another dependency) is away or not answering: retry shortly. Only the code is logged.
      const reason = err instanceof DeadlineError ? err.message : String((err as { code?: unknown }).code);
      c.get('log').warn({ reason }, 'a dependency is unavailable');
      c.header('Retry-After', String(retryAfterSeconds.unavailable));
      const body: ErrorBody = {
        code: 'unavailable',
        message: 'a service this request needs is unavailable; retry shortly',
        requestId,
      };
      return c.json(body, errorStatuses.unavailable);
    }
    c.get('log').error({ err }, 'unhandled error');
    const body: ErrorBody = { code: 'internal', message: 'internal error', requestId };
    return c.json(body, 500);
  });

  return app;
}
