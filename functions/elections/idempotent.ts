/**
 * Every change on the S2S surface is answered once per Idempotency-Key: the
 * key is claimed in the org's transaction with the change, a repeat of the
 * same request gets the stored answer, and the same key on another request
 * is refused.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { ApiError, readText, type AppEnv, header } from '../../shared/common/http/index.js';
import { s2sHeaders } from '../../shared/common/s2s/index.js';
import { withTenant, type Tx } from '../../shared/common/db/index.js';
import { claimKey, storeAnswer } from '../../shared/ballot_box/db/index.js';
import type { ElectionsDeps } from './deps.js';

export type Answer = { status: 200 | 201; body: unknown };

/** Runs `effect` in the org's transaction, once per Idempotency-Key. */
export async function idempotent(c: Context<AppEnv>, deps: ElectionsDeps, effect: (tx: Tx) => Promise<Answer>) {
  const orgId = c.req.param('org')!;
  const key = header(c, s2sHeaders.idempotencyKey)!;
  const requestHash = createHash('sha256')
    .update(`${c.req.method} ${new URL(c.req.url).pathname}\n${await readText(c)}`)
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
