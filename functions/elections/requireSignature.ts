/**
 * The S2S surface of the elections function (/v1/s2s/orgs/{org}/…): every
 * request must carry a valid signature (shared/common/s2s/signature.ts) for
 * the org in its path before any route runs. Its signed deadline is kept: a
 * request that arrives after it is refused, and every change checks it again
 * before it commits (`beforeDeadline`), so nothing the caller gave up on
 * (a frozen or slow instance answering late) takes effect.
 */
import type { Context } from 'hono';
import { ApiError, continueTrace, readRaw, type App, type AppEnv, header } from '../../shared/common/http/index.js';
import { checkHeaders, verify, s2sHeaders } from '../../shared/common/s2s/index.js';
import { orgIdPattern } from '../../schemas/api.js';
import type { ElectionsDeps } from './deps.js';
import { callTimeoutOf } from '../../shared/common/db/index.js';

export const s2sPrefix = '/v1/s2s/orgs/:org';

export function requireSignature(app: App, deps: ElectionsDeps): void {
  app.use(`${s2sPrefix}/*`, async (c, next) => {
    const orgId = c.req.param('org') ?? '';
    const signed = {
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      idempotencyKey: header(c, s2sHeaders.idempotencyKey) ?? '',
      orgId,
      keyId: header(c, s2sHeaders.keyId),
      timestamp: header(c, s2sHeaders.timestamp),
      deadline: header(c, s2sHeaders.deadline),
      signature: header(c, s2sHeaders.signature),
      traceparent: header(c, s2sHeaders.traceparent),
    };
    const { keys, replayWindowSeconds } = deps.config.s2s;
    const now = deps.nowSeconds();
    // The headers first: an unsigned caller gets 401 before a byte of its body is read.
    let problem = orgIdPattern.test(orgId) ? checkHeaders(signed, keys, now, replayWindowSeconds) : 'bad org';
    if (!problem) {
      // Then the body, through the one counted 64 KiB limit, and the signature over it (its type is the route's to judge).
      const body = c.req.method === 'GET' ? '' : await readRaw(c);
      problem = verify({ ...signed, body }, keys, now, replayWindowSeconds);
    }
    if (problem) {
      c.get('log').warn({ problem }, 's2s request refused');
      throw new ApiError('bad_signature', 'the request signature is not valid');
    }
    c.set('orgId', orgId);
    c.set('deadline', Number(signed.deadline));
    beforeDeadline(c);
    // The signature covered the caller's trace context: this request's span continues its trace.
    await continueTrace(c, { traceparent: signed.traceparent }, next);
  });
}

/** What is left of the signed deadline (ms): no database call of the request waits longer. */
export function msLeft(c: Context<AppEnv>): number | undefined {
  const deadline = c.get('deadline');
  return deadline === undefined ? undefined : Math.max(1, deadline - Date.now());
}

/**
 * The deadline of a quick change (a status, a definition): the signed deadline, but no longer than any database
 * call of this function may take (DB_CALL_TIMEOUT_MS), so a database that is away is a fast 503 to each attempt.
 * The seal, which rewrites every ballot, has the whole signed deadline (msLeft).
 */
export function quickMsLeft(c: Context<AppEnv>, deps: ElectionsDeps): number | undefined {
  const left = msLeft(c);
  const call = callTimeoutOf(deps.sql);
  return left === undefined ? call : call === undefined ? left : Math.min(left, call);
}

/** Throws 503 `unavailable` once the signed deadline has passed: the caller is no longer waiting, so nothing changes. */
export function beforeDeadline(c: Context<AppEnv>): void {
  const deadline = c.get('deadline');
  if (deadline !== undefined && Date.now() > deadline) {
    c.get('log').warn({ lateByMs: Date.now() - deadline }, 's2s request past its deadline: nothing changed');
    throw new ApiError('unavailable', 'the caller stopped waiting for this request; nothing was changed');
  }
}
