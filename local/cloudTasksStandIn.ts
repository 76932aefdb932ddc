/**
 * A local stand-in for Cloud Tasks (none is published that runs here), for
 * the local stack and the tests: the real `@google-cloud/tasks` client talks
 * to it over its REST transport (`fallback: true`: JSON, enums as integers,
 * bodies base64, durations "1.5s"), as it would to cloudtasks.googleapis.com.
 * Tasks live in memory. Each queue dispatches its HTTP tasks as Cloud Tasks
 * does: at most `maxDispatchesPerSecond` (a token bucket) and
 * `maxConcurrentDispatches` at once; a 2xx answer deletes the task, anything
 * else (or no answer within the dispatch deadline) is retried after
 * `minBackoff` doubled `maxDoublings` times, then growing linearly, up to
 * `maxBackoff`, until `maxAttempts`. A task's name is refused (409
 * ALREADY_EXISTS) while the task exists and for `dedupeWindowMs` after it
 * was deleted, as Cloud Tasks refuses a recently used name. With an OIDC
 * token asked for, the dispatch carries one from `signOidc` (the dev
 * identity provider locally, as Google signs for the queue's service
 * account in production).
 *
 * Supported (https://cloud.google.com/tasks/docs/reference/rest):
 *   POST   /v2/{parent=projects/p/locations/l}/queues            Queue
 *   GET    /v2/{name=…/queues/q}
 *   POST   /v2/{parent=…/queues/q}/tasks                         {task}
 *   GET    /v2/{parent=…/queues/q}/tasks?pageSize&pageToken
 *   GET    /v2/{name=…/queues/q/tasks/t}
 *   DELETE /v2/{name=…/queues/q/tasks/t}
 */
import { randomBytes } from 'node:crypto';
import { GoogleApiError as TasksError, serveGoogleRest } from './googleRestStandIn.js';

export type SignOidc = (audience: string, serviceAccountEmail: string) => Promise<string>;

export type CloudTasksStandIn = {
  endpoint: string;
  /** Dispatch attempts and their outcome so far, for tests. */
  stats: () => { dispatched: number; succeeded: number; retried: number; inQueue: number };
  close: () => Promise<void>;
};

export type StandInOptions = { port?: number; host?: string; signOidc?: SignOidc; dedupeWindowMs?: number };

type HttpRequest = {
  url: string;
  httpMethod?: number;
  headers?: Record<string, string>;
  body?: string;
  oidcToken?: { serviceAccountEmail?: string; audience?: string };
};
type Task = {
  name: string;
  httpRequest: HttpRequest;
  scheduleTime: number;
  createTime: number;
  dispatchDeadlineMs: number;
  dispatchCount: number;
  responseCount: number;
  running: boolean;
};
type Queue = {
  name: string;
  rateLimits: { maxDispatchesPerSecond: number; maxConcurrentDispatches: number; maxBurstSize: number };
  retryConfig: { maxAttempts: number; minBackoff: string; maxBackoff: string; maxDoublings: number };
  tasks: Map<string, Task>;
  tokens: number;
  refilledAt: number;
  inFlight: number;
};

const segment = '[A-Za-z0-9_-]{1,100}';
const queuesPath = new RegExp(`^/v2/(projects/${segment}/locations/${segment})/queues$`);
const queuePath = new RegExp(`^/v2/(projects/${segment}/locations/${segment}/queues/${segment})$`);
const tasksPath = new RegExp(`^/v2/(projects/${segment}/locations/${segment}/queues/${segment})/tasks$`);
const taskPath = new RegExp(`^/v2/((projects/${segment}/locations/${segment}/queues/${segment})/tasks/${segment})$`);
const httpMethods = ['POST', 'POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** "1.5s" (protobuf JSON) in milliseconds. */
const durationMs = (d: string | undefined, fallback: number) =>
  d && /^\d+(\.\d+)?s$/.test(d) ? Math.round(Number(d.slice(0, -1)) * 1000) : fallback;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)}s`;

export async function startCloudTasksStandIn(options: StandInOptions = {}): Promise<CloudTasksStandIn> {
  const queues = new Map<string, Queue>();
  const usedNames = new Map<string, number>(); // name → when it may be used again
  const dedupeWindowMs = options.dedupeWindowMs ?? 60 * 60_000;
  const counts = { dispatched: 0, succeeded: 0, retried: 0 };
  let closed = false;

  function queueOf(name: string): Queue {
    const queue = queues.get(name);
    if (!queue) throw new TasksError(404, 'NOT_FOUND', `Queue ${name} does not exist.`);
    return queue;
  }

  function createQueue(parent: string, body: Partial<Queue>): unknown {
    const name = body.name ?? `${parent}/queues/${randomBytes(4).toString('hex')}`;
    if (queues.has(name)) throw new TasksError(409, 'ALREADY_EXISTS', `Queue ${name} already exists.`);
    const rate = body.rateLimits ?? ({} as Partial<Queue['rateLimits']>);
    const retry = body.retryConfig ?? ({} as Partial<Queue['retryConfig']>);
    const queue: Queue = {
      name,
      rateLimits: {
        maxDispatchesPerSecond: rate.maxDispatchesPerSecond ?? 500,
        maxConcurrentDispatches: rate.maxConcurrentDispatches ?? 1000,
        maxBurstSize: Math.max(1, Math.ceil(rate.maxDispatchesPerSecond ?? 500)),
      },
      retryConfig: {
        maxAttempts: retry.maxAttempts ?? 100,
        minBackoff: retry.minBackoff ?? '0.100s',
        maxBackoff: retry.maxBackoff ?? '3600s',
        maxDoublings: retry.maxDoublings ?? 16,
      },
      tasks: new Map(),
      tokens: 0,
      refilledAt: Date.now(),
      inFlight: 0,
    };
    queue.tokens = queue.rateLimits.maxBurstSize;
    queues.set(name, queue);
    return describeQueue(queue);
  }

  const describeQueue = (q: Queue) => ({
    name: q.name,
    rateLimits: q.rateLimits,
    retryConfig: q.retryConfig,
    state: 1,
  });
  const describeTask = (t: Task) => ({
    name: t.name,
    scheduleTime: new Date(t.scheduleTime).toISOString(),
    createTime: new Date(t.createTime).toISOString(),
    dispatchDeadline: seconds(t.dispatchDeadlineMs),
    dispatchCount: t.dispatchCount,
    responseCount: t.responseCount,
    view: 1,
  });

  function createTask(
    parent: string,
    body: { task?: Partial<Task> & { scheduleTime?: string; dispatchDeadline?: string } },
  ) {
    const queue = queueOf(parent);
    const given = body.task ?? {};
    if (!given.httpRequest?.url) throw new TasksError(400, 'INVALID_ARGUMENT', 'an HTTP task needs httpRequest.url');
    const name = given.name ?? `${parent}/tasks/${randomBytes(8).toString('hex')}`;
    if (!name.startsWith(`${parent}/tasks/`)) throw new TasksError(400, 'INVALID_ARGUMENT', `bad task name ${name}`);
    if (queue.tasks.has(name) || (usedNames.get(name) ?? 0) > Date.now()) {
      throw new TasksError(
        409,
        'ALREADY_EXISTS',
        'The task cannot be created because a task with this name existed too recently.',
      );
    }
    const now = Date.now();
    const task: Task = {
      name,
      httpRequest: given.httpRequest,
      scheduleTime: given.scheduleTime ? Math.max(now, Date.parse(given.scheduleTime)) : now,
      createTime: now,
      dispatchDeadlineMs: durationMs(given.dispatchDeadline, 10 * 60_000),
      dispatchCount: 0,
      responseCount: 0,
      running: false,
    };
    queue.tasks.set(name, task);
    schedule();
    return describeTask(task);
  }

  function removeTask(queue: Queue, task: Task): void {
    queue.tasks.delete(task.name);
    usedNames.set(task.name, Date.now() + dedupeWindowMs);
  }

  /** The delay before attempt `n + 1`, after `n` attempts. */
  function backoffMs(queue: Queue, attempts: number): number {
    const min = durationMs(queue.retryConfig.minBackoff, 100);
    const max = durationMs(queue.retryConfig.maxBackoff, 3_600_000);
    const doublings = Math.min(attempts - 1, queue.retryConfig.maxDoublings);
    const linear = Math.max(0, attempts - 1 - queue.retryConfig.maxDoublings);
    return Math.min(max, min * 2 ** doublings + linear * min * 2 ** queue.retryConfig.maxDoublings);
  }

  async function dispatch(queue: Queue, task: Task): Promise<void> {
    task.running = true;
    task.dispatchCount++;
    counts.dispatched++;
    queue.inFlight++;
    let ok = false;
    try {
      const request = task.httpRequest;
      const headers: Record<string, string> = {
        ...request.headers,
        'x-cloudtasks-queuename': queue.name.split('/').pop()!,
        'x-cloudtasks-taskname': task.name.split('/').pop()!,
        'x-cloudtasks-taskretrycount': String(task.dispatchCount - 1),
      };
      if (request.oidcToken) {
        if (!options.signOidc) throw new Error('this stand-in was started without an OIDC signer');
        const token = await options.signOidc(
          request.oidcToken.audience ?? request.url,
          request.oidcToken.serviceAccountEmail ?? '',
        );
        headers.authorization = `Bearer ${token}`;
      }
      const res = await fetch(request.url, {
        method: httpMethods[request.httpMethod ?? 1] ?? 'POST',
        headers,
        ...(request.body ? { body: Buffer.from(request.body, 'base64') } : {}),
        signal: AbortSignal.timeout(task.dispatchDeadlineMs),
      });
      await res.arrayBuffer();
      task.responseCount++;
      ok = res.status >= 200 && res.status < 300;
    } catch {
      // No answer: retried like a failure.
    } finally {
      queue.inFlight--;
      task.running = false;
    }
    const max = queue.retryConfig.maxAttempts;
    if (ok) counts.succeeded++;
    if (ok || (max >= 0 && task.dispatchCount >= max)) removeTask(queue, task);
    else {
      counts.retried++;
      task.scheduleTime = Date.now() + backoffMs(queue, task.dispatchCount);
    }
    schedule();
  }

  let timer: NodeJS.Timeout | undefined;
  /** Dispatches every task that is due and allowed now, then sleeps until the next may be. */
  function schedule(): void {
    if (closed) return;
    clearTimeout(timer);
    const now = Date.now();
    let next = Infinity;
    for (const queue of queues.values()) {
      const { maxDispatchesPerSecond: rate, maxBurstSize } = queue.rateLimits;
      queue.tokens = Math.min(maxBurstSize, queue.tokens + ((now - queue.refilledAt) / 1000) * rate);
      queue.refilledAt = now;
      const due = [...queue.tasks.values()].filter((t) => !t.running).sort((a, b) => a.scheduleTime - b.scheduleTime);
      for (const task of due) {
        if (task.scheduleTime > now) {
          next = Math.min(next, task.scheduleTime);
          break;
        }
        if (queue.inFlight >= queue.rateLimits.maxConcurrentDispatches) break;
        if (queue.tokens < 1) {
          next = Math.min(next, now + ((1 - queue.tokens) / rate) * 1000);
          break;
        }
        queue.tokens -= 1;
        void dispatch(queue, task);
      }
    }
    if (next !== Infinity) timer = setTimeout(schedule, Math.max(1, next - now));
  }

  function listTasks(parent: string, url: URL) {
    const queue = queueOf(parent);
    const pageSize = Math.min(1000, Number(url.searchParams.get('pageSize') ?? 1000) || 1000);
    const start = Number(url.searchParams.get('pageToken') || 0);
    const all = [...queue.tasks.values()].sort((a, b) => a.name.localeCompare(b.name));
    const page = all.slice(start, start + pageSize);
    return {
      tasks: page.map(describeTask),
      nextPageToken: start + pageSize < all.length ? String(start + pageSize) : '',
    };
  }

  function route(method: string, url: URL, body: Record<string, unknown>): unknown {
    let m: RegExpExecArray | null;
    const path = url.pathname;
    if (method === 'POST' && (m = queuesPath.exec(path))) return createQueue(m[1]!, body as Partial<Queue>);
    if (method === 'GET' && (m = queuePath.exec(path))) return describeQueue(queueOf(m[1]!));
    if (method === 'POST' && (m = tasksPath.exec(path))) return createTask(m[1]!, body);
    if (method === 'GET' && (m = tasksPath.exec(path))) return listTasks(m[1]!, url);
    if ((m = taskPath.exec(path))) {
      const queue = queueOf(m[2]!);
      const task = queue.tasks.get(m[1]!);
      if (!task) throw new TasksError(404, 'NOT_FOUND', `Task ${m[1]} does not exist.`);
      if (method === 'GET') return describeTask(task);
      if (method === 'DELETE') {
        removeTask(queue, task);
        return {};
      }
    }
    throw new TasksError(404, 'NOT_FOUND', `no such method: ${method} ${path}`);
  }

  const rest = await serveGoogleRest(route, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    endpoint: rest.endpoint,
    stats: () => ({
      ...counts,
      inQueue: [...queues.values()].reduce((n, q) => n + q.tasks.size, 0),
    }),
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await rest.close();
    },
  };
}
