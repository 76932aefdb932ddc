/**
 * The ballot path's Cloud Tasks queue (the fallback when the database is
 * overloaded, README "Overload"): a ballot becomes one HTTP task to the
 * ballot task handler. The task's name is the election id and a hash of
 * (election, token hash), so a retried ballot collapses onto its task
 * (ALREADY_EXISTS is success), and the election's tasks still in the queue
 * can be listed by that prefix. Talks to Cloud Tasks with
 * `@google-cloud/tasks`, loaded on first use; with an endpoint set (the
 * local stack, the tests) the same client talks REST to the stand-in in
 * local/cloudTasksStandIn.ts.
 */
import { createHash } from 'node:crypto';
import type { QueuedBallot } from '../../schemas/ballotTask.js';

export type BallotQueueConfig = {
  /** projects/P/locations/L/queues/Q */
  queue: string;
  /** The ballot task handler's URL. */
  handlerUrl: string;
  /** Production: Cloud Tasks adds an OIDC token for this service account, for this audience. */
  oidc?: { serviceAccountEmail: string; audience: string } | undefined;
  /** Local stand-in: http://host:port. */
  endpoint?: string | undefined;
  /** How long one createTask may take before the caller gives up (the voter then gets 503). */
  timeoutMs: number;
};

export type { QueuedBallot };

export type BallotQueue = {
  /** 'queued', or 'already' when the same ballot's task existed (a retry): both are a promise to count it. */
  enqueue(ballot: QueuedBallot): Promise<'queued' | 'already'>;
  /** How many of the election's tasks are still in the queue (waiting, retrying or being dispatched). */
  pending(electionId: string): Promise<number>;
  close(): Promise<void>;
};

type TasksClient = import('@google-cloud/tasks').CloudTasksClient;

/** The task's id: the election, then a hash of (election, token hash); [A-Za-z0-9_-], as Cloud Tasks allows. */
export function taskId(electionId: string, tokenHash: string): string {
  const digest = createHash('sha256').update(`${electionId}:${tokenHash}`).digest('base64url');
  return `${electionId}-${digest.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

const alreadyExists = 6; // gRPC ALREADY_EXISTS

/**
 * How long after the close a queued ballot is still admitted, and so how
 * long the seal waits before it looks at the queue: longer than an enqueue
 * may take (`timeoutMs`, at most 2 s), plus how stale an instance's view of
 * the election's status may be, plus clock differences between instances.
 */
export const queueFenceMs = 5000;

export async function tasksClient(endpoint?: string): Promise<TasksClient> {
  const { CloudTasksClient } = await import('@google-cloud/tasks');
  if (!endpoint) return new CloudTasksClient();
  const { PassThroughClient } = await import('google-auth-library');
  const url = new URL(endpoint);
  return new CloudTasksClient({
    fallback: true,
    protocol: url.protocol.replace(':', ''),
    apiEndpoint: url.hostname,
    port: Number(url.port),
    authClient: new PassThroughClient(),
  } as ConstructorParameters<typeof CloudTasksClient>[0]);
}

export function createBallotQueue(config: BallotQueueConfig): BallotQueue {
  let client: Promise<TasksClient> | undefined;
  const tasks = () => (client ??= tasksClient(config.endpoint));
  const callOptions = { timeout: config.timeoutMs, retry: null } as never;

  return {
    async enqueue(ballot) {
      try {
        await (
          await tasks()
        ).createTask(
          {
            parent: config.queue,
            task: {
              name: `${config.queue}/tasks/${taskId(ballot.electionId, ballot.tokenHash)}`,
              httpRequest: {
                url: config.handlerUrl,
                httpMethod: 'POST',
                headers: { 'content-type': 'application/json' },
                body: Buffer.from(JSON.stringify(ballot)),
                ...(config.oidc ? { oidcToken: config.oidc } : {}),
              },
            },
          },
          callOptions,
        );
        return 'queued';
      } catch (err) {
        if ((err as { code?: number }).code === alreadyExists) return 'already';
        throw err;
      }
    },
    async pending(electionId) {
      const client = await tasks();
      let count = 0;
      let pageToken: string | undefined;
      do {
        const [page, , response] = await client.listTasks(
          { parent: config.queue, pageSize: 1000, ...(pageToken ? { pageToken } : {}) },
          { autoPaginate: false },
        );
        count += page.filter((t) => t.name?.split('/').pop()?.startsWith(`${electionId}-`)).length;
        pageToken = (response as { nextPageToken?: string } | undefined)?.nextPageToken || undefined;
      } while (pageToken);
      return count;
    },
    async close() {
      if (client) await (await client).close();
    },
  };
}
