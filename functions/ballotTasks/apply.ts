/**
 * Applies one queued ballot with the fast path's statement (admitted by a
 * closed election when it was queued in time: migration 000021). What it
 * returns is final, and the task is done (2xx): counted, a retry of a counted
 * ballot, or a ballot that can never count (the token voted otherwise,
 * withdrawn, an unknown election, queued too late), which is logged. What it
 * throws is retried by Cloud Tasks with backoff: the token is busy, or the
 * database is overloaded or away. That retry is the smoothing.
 */
import * as v from 'valibot';
import { castQueuedBallot } from '../../shared/ballot_box/db/index.js';
import { queueFenceMs } from '../../shared/ballot_box/ballotQueue.js';
import { ApiError } from '../../shared/common/http/index.js';
import type { Sql } from '../../shared/common/db/index.js';
import type { Logger } from '../../shared/common/log.js';
import { QueuedBallot } from '../../schemas/ballotTask.js';

export type ApplyDeps = { sql: Sql; log: Logger };
export type Applied = 'counted' | 'repeated' | 'refused';

export async function applyQueuedBallot(deps: ApplyDeps, data: unknown): Promise<Applied> {
  const parsed = v.safeParse(QueuedBallot, data);
  if (!parsed.success) {
    deps.log.error({ issues: parsed.issues.length }, 'a queued ballot that is not one: dropped');
    return 'refused';
  }
  const ballot = parsed.output;
  const outcome = await castQueuedBallot(deps.sql, {
    orgId: ballot.orgId,
    electionId: ballot.electionId,
    tokenHash: Buffer.from(ballot.tokenHash, 'base64url'),
    receipt: ballot.receipt,
    choices: ballot.choices,
    queuedAt: new Date(ballot.queuedAt),
    fenceMs: queueFenceMs,
  });
  switch (outcome) {
    case 'counted':
    case 'repeated':
      return outcome;
    case 'busy':
      throw new ApiError('busy', 'the token is in use by another cast; retry');
    default:
      // Never the token, the hash or the choices: only what went wrong, and where.
      deps.log.warn(
        { org_id: ballot.orgId, electionId: ballot.electionId, outcome },
        'a queued ballot was not counted',
      );
      return 'refused';
  }
}
