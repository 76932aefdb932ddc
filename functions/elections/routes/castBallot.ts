import { ApiError } from '../../../shared/common/http/index.js';
import { GateTimeoutError } from '../../../shared/common/db/index.js';
import { receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import { castBallot, type CastOutcome } from '../../../shared/ballot_box/db/index.js';
import type { QueuedBallot } from '../../../schemas/ballotTask.js';
import type { CachedElection } from '../definitionCache.js';
import { canonicalChoices } from '../../../shared/ballot_box/choices.js';
import { CastBallotRequest, CastBallotResponse } from '../../../schemas/api.js';
import { asOverload, isOverload } from '../overload.js';
import { namedElection } from '../namedElection.js';
import { route } from '../route.js';
import { castRefusal } from '../castRefusal.js';
import type { ElectionsDeps } from '../deps.js';

/**
 * `POST /v1/elections/{id}/ballots`, the voter's token as Bearer. Safe to
 * retry: the same token with the same choices answers 200 with the same
 * receipt; with other choices, 409 already_voted.
 */
export default route(
  {
    operationId: 'castBallot',
    method: 'POST',
    path: '/v1/elections/:id/ballots',
    tag: 'voting',
    summary: 'Cast a ballot',
    description:
      "The voter's token as Bearer. One statement, one transaction: the token is spent and the ballot stored, or nothing. Safe to retry: the same token with the same choices answers 200 with the same receipt; with other choices, 409 already_voted. 423 busy when another request holds the token, 503 overloaded when the instance has no room: retry after Retry-After with jitter. Under the queue fallback (BALLOT_MODE auto or queue) the ballot may instead be accepted into the queue: 202 with the receipt and status queued, a promise that it is counted if the token is valid and unused; poll GET …/receipts/{receipt} until counted.",
    access: 'ballot',
    body: CastBallotRequest,
    example: { choices: ['yes'] },
    responses: { 201: CastBallotResponse, 200: CastBallotResponse, 202: CastBallotResponse },
    errors: ['invalid_choices', 'unknown_election', 'already_voted', 'election_not_open', 'busy', 'overloaded'],
  },
  (deps) =>
    async (c, { params, body, caller: { token } }) => {
      const election = await namedElection(c, deps, params.id);
      const choices = canonicalChoices(election, body.choices);
      const receipt = receiptFor(token);
      const queued = async () => ({
        status: 202 as const,
        body: await enqueue(deps, election, { tokenHash: tokenHash(token).toString('base64url'), receipt, choices }),
      });
      // The election's own mode, else the deployment's; without a queue configured, only the fast path.
      const mode = deps.queue ? (election.ballotMode ?? deps.config.ballotMode) : 'sync';
      if (mode !== 'sync') deps.queue?.tokens.warm(election.orgId, election.id);
      if (mode === 'queue') return queued();
      let outcome: CastOutcome;
      try {
        outcome = await deps.gate.run(() =>
          castBallot(deps.sql, {
            orgId: election.orgId,
            electionId: election.id,
            tokenHash: tokenHash(token),
            receipt,
            choices,
          }),
        );
      } catch (err) {
        // auto: what would be a 503 (no place in time, a database timeout, the database away) goes to the queue.
        if (mode === 'auto' && isOverload(err)) return queued();
        asOverload(err);
      }
      deps.queue?.openness.saw(election.id, outcome !== 'not_open' && outcome !== 'unknown_election');
      return { status: statusOf(outcome), body: { receipt, status: 'counted' as const } };
    },
);

/**
 * The ballot into the Cloud Tasks queue, promised with 202 only when the
 * election is known open, the token is one it registered (queue/registeredTokens.ts)
 * and the queue took it in time (the close's fence,
 * shared/ballot_box/ballotQueue.ts, assumes both). A retried ballot finds its
 * task and gets the same answer.
 */
async function enqueue(
  deps: ElectionsDeps,
  election: CachedElection,
  ballot: Pick<QueuedBallot, 'tokenHash' | 'receipt' | 'choices'>,
): Promise<CastBallotResponse> {
  const queue = deps.queue;
  if (!queue) throw new ApiError('overloaded', 'too many ballots at once; retry shortly');
  let admitted: 'open' | 'not_open' | 'unregistered';
  try {
    // Within the gate's deadline (TASKS_ENQUEUE_TIMEOUT_MS from the grant): the openness known at the
    // grant and the enqueue after it, so a wait for a place never widens the close's fence.
    admitted = await queue.enqueueGate.run(async () => {
      if (!(await queue.openness.isOpen(election.id))) return 'not_open';
      // A token the fast path would answer 401 never becomes a task.
      if (!(await queue.tokens.has(election.orgId, election.id, ballot.tokenHash))) return 'unregistered';
      if (!(await queue.openness.queueing(election.orgId, election.id))) return 'not_open';
      await queue.ballots.enqueue({ orgId: election.orgId, electionId: election.id, ...ballot, queuedAt: Date.now() });
      return 'open';
    });
  } catch (err) {
    const retryAfter = err instanceof GateTimeoutError ? err.retryAfterSeconds : undefined;
    throw new ApiError('overloaded', 'the ballot queue did not take the ballot in time; retry shortly', retryAfter);
  }
  if (admitted === 'not_open') throw new ApiError('election_not_open', 'the election is not open for voting');
  if (admitted === 'unregistered')
    throw new ApiError('invalid_token', 'the voting token is not valid for this election');
  return { receipt: ballot.receipt, status: 'queued' };
}

/** What the cast found, as the contract's answer. */
function statusOf(outcome: CastOutcome): 201 | 200 {
  if (outcome === 'counted') return 201;
  if (outcome === 'repeated') return 200;
  throw castRefusal(outcome);
}
