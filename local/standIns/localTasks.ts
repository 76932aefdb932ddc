/**
 * The local stack's Cloud Tasks: the stand-in (local/standIns/cloudTasks/)
 * with the ballot queue, its dispatches signed by the dev identity provider
 * as the queue's service account, as Google signs them in production.
 */
import { startCloudTasksStandIn, type CloudTasksStandIn } from './cloudTasks/index.js';
import { mintJwt, type IdpKeys } from '../idp/devIdp.js';
import { ballotQueueId, tasksClient } from '../../shared/ballot_box/ballotQueue.js';

export const localTasks = {
  serviceAccount: 'ballot-tasks@ekklesia-local.iam.gserviceaccount.com',
  audience: 'ekklesia-local-ballot-tasks',
};

/**
 * Rates for one local PostgreSQL: the bench's bare cast peaks near 2,000–4,000 a second on this
 * machine, so the queue may hand the handler a few hundred a second with a few at once.
 */
export const localQueueLimits = { maxDispatchesPerSecond: 300, maxConcurrentDispatches: 8 };

type Duration = { seconds?: number; nanos?: number };
type RetryConfig = { maxAttempts: number; minBackoff: Duration; maxBackoff: Duration; maxDoublings: number };

/** How the local queue retries: never gives up (a 202 is a promise), backing off from 0.1 s to 10 s. */
const localRetry: RetryConfig = {
  maxAttempts: -1,
  minBackoff: { nanos: 100e6 },
  maxBackoff: { seconds: 10 },
  maxDoublings: 5,
};

/** `retry`: the tests' queue backs off for less time. */
export async function startLocalTasks(
  keys: IdpKeys,
  issuer: string,
  project: string,
  port: number,
  host: string,
  retry:
    | typeof localRetry
    | { maxAttempts: number; minBackoff: object; maxBackoff: object; maxDoublings: number } = localRetry,
): Promise<{ standIn: CloudTasksStandIn; queue: string }> {
  // One token per (audience, account) for five of its ten minutes, as Google's
  // are reused until near their expiry: an RS256 signature per dispatch was
  // most of the stand-in's time in the overload burst.
  const signed = new Map<string, { token: Promise<string>; until: number }>();
  const signOidc = (audience: string, email: string) => {
    const key = `${audience} ${email}`;
    const held = signed.get(key);
    if (held && held.until > Date.now()) return held.token;
    const token = mintJwt(keys, {
      issuer,
      subject: email,
      audience,
      ttlSeconds: 600,
      claims: { email, email_verified: true },
    });
    signed.set(key, { token, until: Date.now() + 300_000 });
    token.catch(() => signed.delete(key));
    return token;
  };
  const standIn = await startCloudTasksStandIn({ port, host, signOidc });
  const queue = `projects/${project}/locations/local/queues/${ballotQueueId}`;
  const client = await tasksClient(standIn.endpoint);
  try {
    await client.createQueue({
      parent: `projects/${project}/locations/local`,
      queue: {
        name: queue,
        rateLimits: localQueueLimits,
        retryConfig: retry,
      },
    });
  } finally {
    await client.close();
  }
  return { standIn, queue };
}
