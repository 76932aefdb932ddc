/**
 * The ballot path's Cloud Tasks queue (the fallback when the database is
 * overloaded, README "Overload"): a ballot becomes one HTTP task to the
 * ballot task handler. The task's name is the election id and a hash of
 * (election, receipt), so a retried ballot collapses onto its task
 * (ALREADY_EXISTS is success), the election's tasks still in the queue can
 * be listed by that prefix, and a voter's receipt finds its task. The
 * receipt, like the token hash, is a one-way function of the token: one
 * token, one receipt, one task. Talks to Cloud Tasks with
 * `@google-cloud/tasks`, loaded on first use; with an endpoint set (the
 * local stack, the tests) the same client talks REST to the stand-in in
 * local/standIns/cloudTasks/.
 */
import { createHash } from 'node:crypto';
import { standInOptions } from '../common/gcp/standInOptions.js';
import { withDeadline } from '../common/deadline.js';
import type { QueuedBallot } from '../../schemas/ballotTask.js';
import type { BallotQueueSettings } from '../common/config/index.js';
import { SpanKind } from '@opentelemetry/api';
import { inSpan, traceHeaders } from '../common/trace/tracing.js';

export type BallotQueueConfig = BallotQueueSettings;

export type { QueuedBallot };

export type BallotQueue = {
  /** 'queued', or 'already' when the same ballot's task existed (a retry): both are a promise to count it. */
  enqueue(ballot: QueuedBallot): Promise<'queued' | 'already'>;
  /** Whether the receipt's ballot is still in the queue (not yet applied). */
  queued(electionId: string, receipt: string): Promise<boolean>;
  /** How many of the election's tasks are still in the queue (waiting, retrying or being dispatched), within `timeoutMs`. */
  pending(electionId: string, timeoutMs: number): Promise<number>;
  /** Loads the client now (its import takes most of a second), not under the first ballots. */
  warm(): Promise<void>;
  close(): Promise<void>;
};

type TasksClient = import('@google-cloud/tasks').CloudTasksClient;

/** The task's id: the election, then a hash of (election, receipt); [A-Za-z0-9_-], as Cloud Tasks allows. */
export function taskId(electionId: string, receipt: string): string {
  const digest = createHash('sha256').update(`${electionId}:${receipt}`).digest('base64url');
  return `${electionId}-${digest.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

/** The queue's id, the same locally and in infra/ (modules/ballot_queue). */
export const ballotQueueId = 'ballots';

const alreadyExists = 6; // gRPC ALREADY_EXISTS
const notFound = 5; // gRPC NOT_FOUND

/**
 * How long after the close a queued ballot is still admitted, and so how
 * long the seal waits before it looks at the queue. An instance queues only
 * while it read the election as open at most 2 s ago (openness.ts), a read
 * that started at most 0.8 s before (the database call's deadline), and an
 * enqueue answered later than 2 s after that check is not promised
 * (`timeoutMs`, the elections function's enqueue gate): every 202
 * has its task created within 4.8 s of the close. The rest is for clocks
 * that differ between instances and the database.
 */
export const queueFenceMs = 8000;

export async function tasksClient(endpoint?: string): Promise<TasksClient> {
  const { CloudTasksClient } = await import('@google-cloud/tasks');
  if (!endpoint) return new CloudTasksClient();
  return new CloudTasksClient((await standInOptions(endpoint)) as ConstructorParameters<typeof CloudTasksClient>[0]);
}

export function createBallotQueue(config: BallotQueueConfig): BallotQueue {
  let client: Promise<TasksClient> | undefined;
  const tasks = () => (client ??= tasksClient(config.endpoint));
  const callOptions = { timeout: config.timeoutMs, retry: null } as never;

  return {
    async enqueue(ballot) {
      try {
        const client = await tasks();
        await inSpan(
          'ekklesia.tasks',
          'Cloud Tasks createTask',
          () =>
            client.createTask(
              {
                parent: config.queue,
                task: {
                  name: `${config.queue}/tasks/${taskId(ballot.electionId, ballot.receipt)}`,
                  httpRequest: {
                    url: config.handlerUrl,
                    httpMethod: 'POST',
                    // The enqueue's trace context: the task handler's span continues it (never the voter's request's
                    // own trace id in anything stored: the task lives only until it is applied).
                    headers: { 'content-type': 'application/json', ...traceHeaders() },
                    body: Buffer.from(JSON.stringify(ballot)),
                    oidcToken: config.oidc,
                  },
                },
              },
              callOptions,
            ),
          { 'rpc.method': 'createTask' },
          SpanKind.CLIENT,
        );
        return 'queued';
      } catch (err) {
        if ((err as { code?: number }).code === alreadyExists) return 'already';
        throw err;
      }
    },
    async queued(electionId, receipt) {
      try {
        await (await tasks()).getTask({ name: `${config.queue}/tasks/${taskId(electionId, receipt)}` }, callOptions);
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === notFound) return false;
        throw err;
      }
    },
    async pending(electionId, timeoutMs) {
      const client = await tasks();
      const giveUpAt = Date.now() + timeoutMs;
      let count = 0;
      let pageToken: string | undefined;
      do {
        const timeout = giveUpAt - Date.now();
        if (timeout <= 0) throw new Error('listing the queued tasks took too long');
        const [page, , response] = await withDeadline(
          client.listTasks({ parent: config.queue, pageSize: 1000, ...(pageToken ? { pageToken } : {}) }, {
            autoPaginate: false,
            timeout,
            retry: null,
          } as never),
          timeout,
          'listing the queued tasks',
        );
        count += page.filter((t) => t.name?.split('/').pop()?.startsWith(`${electionId}-`)).length;
        pageToken = (response as { nextPageToken?: string } | undefined)?.nextPageToken || undefined;
      } while (pageToken);
      return count;
    },
    async warm() {
      await tasks();
    },
    async close() {
      if (client) await (await client).close();
    },
  };
}
