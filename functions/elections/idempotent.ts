/**
 * Every change on the S2S surface is answered once per Idempotency-Key: the
 * key is claimed in the org's transaction with the change, a repeat of the
 * same request gets the stored answer, and the same key on another request
 * is refused. Answers are kept for a day: at most once a minute per org, an
 * instance drops the older ones in the same transaction.
 */
import type { Context } from 'hono';
import { ApiError, requestHash, type AppEnv, header } from '../../shared/common/http/index.js';
import { s2sHeaders } from '../../shared/common/s2s/index.js';
import { withTenant, type Tx } from '../../shared/common/db/index.js';
import { claimKey, forgetOldRequests, storeAnswer } from '../../shared/ballot_box/db/index.js';
import type { ElectionsDeps } from './deps.js';
import { beforeDeadline, quickMsLeft } from './requireSignature.js';

/** How long an S2S answer is kept: far beyond any retry (seconds) and the replay window (a minute). */
export const keepAnswersSeconds = 24 * 3600;
const sweepEveryMs = 60_000;
const lastSweep = new Map<string, number>();

function sweepDue(orgId: string): boolean {
  const now = Date.now();
  if (now - (lastSweep.get(orgId) ?? 0) < sweepEveryMs) return false;
  lastSweep.set(orgId, now);
  return true;
}

type Answer = { status: 200 | 201; body: unknown };

/**
 * Runs `effect` in the org's transaction, once per Idempotency-Key; a repeat gets the answer stored the first time.
 * Within `timeoutMs`: a quick change's deadline unless the route gives a longer one (the seal).
 */
export async function idempotent<A extends Answer>(
  c: Context<AppEnv>,
  deps: ElectionsDeps,
  effect: (tx: Tx) => Promise<A>,
  timeoutMs = quickMsLeft(c, deps),
): Promise<A> {
  const orgId = c.req.param('org')!;
  const key = header(c, s2sHeaders.idempotencyKey)!;
  const hash = await requestHash(c); // its type and shape checked by route() before anything
  const answer = await withTenant(
    deps.sql,
    orgId,
    async (tx) => {
      if (sweepDue(orgId)) await forgetOldRequests(tx, keepAnswersSeconds);
      const prior = await claimKey(tx, orgId, key, hash);
      if (prior && !prior.sameRequest)
        throw new ApiError('idempotency_conflict', 'this Idempotency-Key was used for another request');
      if (prior) return { status: prior.status, body: prior.response } as A;
      const fresh = await effect(tx);
      await storeAnswer(tx, key, fresh.status, fresh.body);
      beforeDeadline(c); // the last step before the commit: a change the caller gave up on rolls back
      return fresh;
    },
    timeoutMs,
  );
  return answer;
}
