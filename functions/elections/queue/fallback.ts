/**
 * The elections function's Cloud Tasks fallback (BALLOT_MODE auto or queue),
 * wired from its settings: the queue client, what tells an instance an
 * election is open, which tokens it has registered, and the enqueue gate. The gate holds at most
 * TASKS_ENQUEUE_CONCURRENCY enqueues in flight; a ballot waits for a place as
 * long as its promise allows (TASKS_ENQUEUE_TIMEOUT_MS for the wait and the
 * enqueue together, a quarter of it kept for the enqueue) and is answered
 * 503 then, with a Retry-After that grows with the line, so an overload
 * beyond what the queue takes backs the clients off instead of piling
 * thousands of calls onto the queue until each misses its deadline. The
 * queue's client is loaded at wiring, not under the first ballots: its
 * import takes most of a second, and 32 ballots waiting on it turned the
 * next ones into 503s.
 */
import { Gate, type Sql } from '../../../shared/common/db/index.js';
import type { ElectionsConfig } from '../../../shared/common/config/index.js';
import { createBallotQueue, type BallotQueue } from '../../../shared/ballot_box/ballotQueue.js';
import { createOpenness, type Openness } from './openness.js';
import { createRegisteredTokens, type RegisteredTokens } from './registeredTokens.js';

export type Fallback = { ballots: BallotQueue; openness: Openness; tokens: RegisteredTokens; enqueueGate: Gate };

export function createFallback(config: ElectionsConfig, sql: Sql, gate: Gate): Fallback | undefined {
  const settings = config.queue;
  if (!settings) return undefined;
  const ballots = createBallotQueue(settings);
  // A failed load shows on the first enqueue (503, retried), not as an unhandled rejection here.
  ballots.warm().catch(() => {});
  return {
    ballots,
    openness: createOpenness(sql, gate),
    tokens: createRegisteredTokens(sql, gate),
    enqueueGate: new Gate(settings.concurrency, Math.floor(settings.timeoutMs * 0.75), settings.timeoutMs, {
      sharedBudget: true,
    }),
  };
}
