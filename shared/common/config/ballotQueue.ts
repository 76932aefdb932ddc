/**
 * The elections function's settings for the Cloud Tasks fallback (README,
 * "Overload: the queue fallback"), part of its schema in deployables.ts.
 */
import * as v from 'valibot';
import { ConfigError, intSetting, urlSetting } from './parse.js';

/**
 * The ballot path's fallback under overload (README, "Overload"): `sync`, the
 * fast path only; `auto`, the fast path and, when it would answer 503, the
 * Cloud Tasks queue; `queue`, every ballot through the queue.
 */
export const ballotQueue = {
  BALLOT_MODE: v.optional(v.picklist(['sync', 'auto', 'queue']), 'sync'),
  /** projects/P/locations/L/queues/Q: required unless BALLOT_MODE is sync. */
  TASKS_QUEUE: v.optional(
    v.pipe(v.string(), v.regex(/^projects\/[^/]+\/locations\/[^/]+\/queues\/[^/]+$/, 'must name a queue')),
  ),
  /** The ballot task handler (functions/ballotTasks), which the queue dispatches to. */
  TASKS_HANDLER_URL: v.optional(urlSetting(['http:', 'https:'])),
  /** Production: the service account Cloud Tasks signs the OIDC token as, and its audience (the handler). */
  TASKS_SERVICE_ACCOUNT: v.optional(v.string()),
  TASKS_AUDIENCE: v.optional(v.string()),
  /** A Cloud Tasks stand-in to talk to over REST (the local stack); unset: Cloud Tasks. */
  TASKS_ENDPOINT: v.optional(urlSetting(['http:', 'https:'])),
  /** How long an enqueue may take before the voter gets 503; at most 2 s, which the close's fence assumes. */
  TASKS_ENQUEUE_TIMEOUT_MS: intSetting(2000, 50, 2000),
  /** Enqueues in flight per instance; more wait up to ¾ of TASKS_ENQUEUE_TIMEOUT_MS for a place, else 503. */
  TASKS_ENQUEUE_CONCURRENCY: intSetting(32, 1, 1000),
};

export type BallotMode = v.InferOutput<(typeof ballotQueue)['BALLOT_MODE']>;

/** The queue, when one is set (an election may take auto or queue in a sync deployment); required unless sync. */
export function ballotQueueSettings(e: v.InferOutput<v.ObjectSchema<typeof ballotQueue, undefined>>) {
  if (e.BALLOT_MODE === 'sync' && !e.TASKS_QUEUE) return undefined;
  if (!e.TASKS_QUEUE || !e.TASKS_HANDLER_URL) {
    throw new ConfigError(`BALLOT_MODE ${e.BALLOT_MODE} needs TASKS_QUEUE and TASKS_HANDLER_URL`);
  }
  if (!e.TASKS_SERVICE_ACCOUNT) {
    throw new ConfigError(
      `BALLOT_MODE ${e.BALLOT_MODE} needs TASKS_SERVICE_ACCOUNT: the handler accepts only its OIDC token`,
    );
  }
  return {
    queue: e.TASKS_QUEUE,
    handlerUrl: e.TASKS_HANDLER_URL,
    oidc: { serviceAccountEmail: e.TASKS_SERVICE_ACCOUNT, audience: e.TASKS_AUDIENCE ?? e.TASKS_HANDLER_URL },
    endpoint: e.TASKS_ENDPOINT,
    timeoutMs: e.TASKS_ENQUEUE_TIMEOUT_MS,
    concurrency: e.TASKS_ENQUEUE_CONCURRENCY,
  };
}

export type BallotQueueSettings = NonNullable<ReturnType<typeof ballotQueueSettings>>;
