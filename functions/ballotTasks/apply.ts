/**
 * Applies one queued ballot with the fast path's statement (admitted by a
 * closed election when it was queued in time: migration 000026). What it
 * returns is final, and the task is done (2xx): counted, a retry of a counted
 * ballot, or a ballot that can never count, which is logged: not a queued
 * ballot at all, choices its election's definition refuses (unknown,
 * repeated, too many: checked here as the elections function checks them,
 * so no task can put a choice into a tally that a cast could not), the token
 * voted otherwise or was withdrawn, an unknown election, queued too late.
 * What it throws is retried by Cloud Tasks with backoff: the token is busy,
 * or the database is overloaded or away. That retry is the smoothing; a task
 * that can never apply is never retried, so it cannot hold a seal back.
 */
import * as v from 'valibot';
import { castBallot, lookupElection } from '../../shared/ballot_box/db/index.js';
import { canonicalChoices } from '../../shared/ballot_box/choices.js';
import { DomainError } from '../../shared/common/domainError.js';
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
  const election = await lookupElection(deps.sql, ballot.electionId);
  if (!election || election.orgId !== ballot.orgId) return refused(deps, ballot, 'unknown_election');
  let choices: string[];
  try {
    choices = canonicalChoices(election, ballot.choices);
  } catch (err) {
    if (err instanceof DomainError) return refused(deps, ballot, 'invalid_choices');
    throw err;
  }
  const outcome = await castBallot(deps.sql, {
    orgId: ballot.orgId,
    electionId: ballot.electionId,
    tokenHash: Buffer.from(ballot.tokenHash, 'base64url'),
    receipt: ballot.receipt,
    choices,
    queued: { at: new Date(ballot.queuedAt), fenceMs: queueFenceMs },
  });
  switch (outcome) {
    case 'counted':
    case 'repeated':
      return outcome;
    case 'busy':
      throw new ApiError('busy', 'the token is in use by another cast; retry');
    default:
      return refused(deps, ballot, outcome);
  }
}

/** Never the token, the hash or the choices: only what went wrong, and where. */
function refused(deps: ApplyDeps, ballot: QueuedBallot, outcome: string): 'refused' {
  deps.log.warn({ orgId: ballot.orgId, electionId: ballot.electionId, outcome }, 'a queued ballot was not counted');
  return 'refused';
}
