/**
 * The S2S surface of the elections function (/v1/s2s/orgs/{org}/…): every
 * request must carry a valid signature (shared/common/s2s/signature.ts) for the org
 * in its path, and every change is answered once per Idempotency-Key.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { ApiError, type App, type AppEnv, header } from '../../shared/common/http/index.js';
import { verify, s2sHeaders } from '../../shared/common/s2s/index.js';
import { withTenant, type Tx } from '../../shared/common/db/index.js';
import { claimKey, storeAnswer } from '../../shared/ballot_box/db/index.js';
import { orgIdPattern } from '../../schemas/api.js';
import type { ElectionsDeps } from './deps.js';

export const s2sPrefix = '/v1/s2s/orgs/:org';

export function requireSignature(app: App, deps: ElectionsDeps): void {
  app.use(`${s2sPrefix}/*`, async (c, next) => {
    const orgId = c.req.param('org') ?? '';
    const problem = orgIdPattern.test(orgId)
      ? verify(
          {
            method: c.req.method,
            path: new URL(c.req.url).pathname,
            body: c.req.method === 'GET' ? '' : await c.req.text(),
            idempotencyKey: header(c, s2sHeaders.idempotencyKey) ?? '',
            orgId,
            keyId: header(c, s2sHeaders.keyId),
            timestamp: header(c, s2sHeaders.timestamp),
            signature: header(c, s2sHeaders.signature),
          },
          deps.config.s2s.keys,
          deps.nowSeconds(),
          deps.config.s2s.replayWindowSeconds,
        )
      : 'bad org';
    if (problem) {
      c.get('log').warn({ problem }, 's2s request refused');
      throw new ApiError('bad_signature', 'the request signature is not valid');
    }
    c.set('orgId', orgId);
    await next();
  });
}

export type Answer = { status: 200 | 201; body: unknown };

/**
 * Runs `effect` in the org's transaction, once per Idempotency-Key: a repeat
 * of the same request gets the stored answer; the same key on a different
 * request is refused.
 */
export async function idempotent(c: Context<AppEnv>, deps: ElectionsDeps, effect: (tx: Tx) => Promise<Answer>) {
  const orgId = c.req.param('org')!;
  const key = header(c, s2sHeaders.idempotencyKey)!;
  const requestHash = createHash('sha256')
    .update(`${c.req.method} ${new URL(c.req.url).pathname}\n${await c.req.text()}`)
    .digest();
  const answer = await withTenant(deps.sql, orgId, async (tx) => {
    const prior = await claimKey(tx, orgId, key, requestHash);
    if (prior && !prior.sameRequest)
      throw new ApiError('idempotency_conflict', 'this Idempotency-Key was used for another request');
    if (prior) return { status: prior.status as Answer['status'], body: prior.response };
    const fresh = await effect(tx);
    await storeAnswer(tx, key, fresh.status, fresh.body);
    return fresh;
  });
  return c.json(answer.body as object, answer.status);
}
