/**
 * The local stack's Cloud Tasks: the stand-in (local/standIns/cloudTasks/)
 * as a process of its own (local/processes/serveTasks.ts) with its tasks on
 * disk, and the ballot queue in it, its dispatches signed by the dev identity
 * provider as the queue's service account, as Google signs them in production.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mintJwt, type IdpKeys } from '../idp/devIdp.js';
import { ballotQueueId, tasksClient } from '../../shared/ballot_box/ballotQueue.js';
import { startTasksStandIn, type FunctionProcess } from '../processes/functionProcess.js';
import type { SignOidc, TasksStats } from './cloudTasks/index.js';

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
export type RetryConfig = { maxAttempts: number; minBackoff: Duration; maxBackoff: Duration; maxDoublings: number };

/** How the local queue retries: never gives up (a 202 is a promise), backing off from 0.1 s to 10 s. */
export const localRetry: RetryConfig = {
  maxAttempts: -1,
  minBackoff: { nanos: 100e6 },
  maxBackoff: { seconds: 10 },
  maxDoublings: 5,
};

/**
 * Signs dispatches' OIDC tokens: one token per (audience, account) for five of its ten minutes, as Google's are
 * reused until near their expiry (an RS256 signature per dispatch was most of the stand-in's time in a burst).
 */
export function oidcSigner(keys: IdpKeys, issuer: string): SignOidc {
  const signed = new Map<string, { token: Promise<string>; until: number }>();
  return (audience, email) => {
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
}

export type TasksProcess = FunctionProcess & { stats: () => Promise<TasksStats> };

/** The stand-in's process on `host:port`, keeping its tasks in `dir`; its OIDC keys are written there for it. */
export async function startTasksProcess(options: {
  keys: IdpKeys;
  issuer: string;
  dir: string;
  port: number;
  host: string;
}): Promise<TasksProcess> {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const keysFile = path.join(options.dir, 'signing-keys.json');
  writeFileSync(keysFile, JSON.stringify(options.keys), { mode: 0o600 });
  const url = `http://${options.host}:${options.port}`;
  const proc = await startTasksStandIn(url, {
    EKKLESIA_HOST: options.host,
    PORT: String(options.port),
    TASKS_DIR: options.dir,
    TASKS_ISSUER: options.issuer,
    TASKS_IDP_KEYS: keysFile,
  });
  return { ...proc, stats: async () => (await fetch(`${url}/stand-in/stats`)).json() as Promise<TasksStats> };
}

/** The ballot queue in the stand-in at `endpoint`, made unless it is kept from before; returns its name. */
export async function ensureBallotQueue(endpoint: string, project: string, retry: RetryConfig): Promise<string> {
  const queue = `projects/${project}/locations/local/queues/${ballotQueueId}`;
  const client = await tasksClient(endpoint);
  try {
    await client.createQueue({
      parent: `projects/${project}/locations/local`,
      queue: { name: queue, rateLimits: localQueueLimits, retryConfig: retry },
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 6) throw err; // ALREADY_EXISTS: kept from before
  } finally {
    await client.close();
  }
  return queue;
}
