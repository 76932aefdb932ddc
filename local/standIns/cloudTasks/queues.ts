/**
 * The Cloud Tasks stand-in's state: its queues and their tasks, the names
 * it refuses because they were used recently, and how a queue's retry
 * settings space the attempts. Nothing here runs by itself: the dispatcher
 * (dispatcher.ts) acts on it and the REST surface (index.ts) reads and
 * changes it. With a journal (journal.ts), every queue and task is on disk
 * before it is answered, and is read back on start.
 */
import { randomBytes } from 'node:crypto';
import { GoogleApiError as TasksError } from '../googleRest.js';
import type { Journal, JournalEntry, Live } from './journal.js';

export { TasksError };

export type HttpRequest = {
  url: string;
  httpMethod?: number;
  headers?: Record<string, string>;
  body?: string;
  oidcToken?: { serviceAccountEmail?: string; audience?: string };
};
export type Task = {
  name: string;
  httpRequest: HttpRequest;
  scheduleTime: number;
  createTime: number;
  dispatchDeadlineMs: number;
  dispatchCount: number;
  responseCount: number;
  running: boolean;
  /** On disk (or kept in memory only, without a journal): only then is it dispatched. */
  stored: boolean;
};
export type Queue = {
  name: string;
  rateLimits: { maxDispatchesPerSecond: number; maxConcurrentDispatches: number; maxBurstSize: number };
  retryConfig: { maxAttempts: number; minBackoff: string; maxBackoff: string; maxDoublings: number };
  tasks: Map<string, Task>;
  tokens: number;
  refilledAt: number;
  inFlight: number;
};

/** "1.5s" (protobuf JSON) in milliseconds. */
export const durationMs = (d: string | undefined, fallback: number) =>
  d && /^\d+(\.\d+)?s$/.test(d) ? Math.round(Number(d.slice(0, -1)) * 1000) : fallback;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)}s`;

export const describeQueue = (q: Queue) => ({
  name: q.name,
  rateLimits: q.rateLimits,
  retryConfig: q.retryConfig,
  state: 1,
});

export const describeTask = (t: Task) => ({
  name: t.name,
  scheduleTime: new Date(t.scheduleTime).toISOString(),
  createTime: new Date(t.createTime).toISOString(),
  dispatchDeadline: seconds(t.dispatchDeadlineMs),
  dispatchCount: t.dispatchCount,
  responseCount: t.responseCount,
  view: 1,
});

/** The delay before attempt `n + 1`, after `n` attempts: doubled `maxDoublings` times, then growing linearly. */
export function backoffMs(queue: Queue, attempts: number): number {
  const min = durationMs(queue.retryConfig.minBackoff, 100);
  const max = durationMs(queue.retryConfig.maxBackoff, 3_600_000);
  const doublings = Math.min(attempts - 1, queue.retryConfig.maxDoublings);
  const linear = Math.max(0, attempts - 1 - queue.retryConfig.maxDoublings);
  return Math.min(max, min * 2 ** doublings + linear * min * 2 ** queue.retryConfig.maxDoublings);
}

export class TaskQueues {
  readonly queues = new Map<string, Queue>();
  /** Name → when it may be used again. */
  private readonly usedNames = new Map<string, number>();

  journal: Journal | undefined;

  constructor(private readonly dedupeWindowMs: number) {}

  /** What a journal rewrite keeps: the queues and their tasks. */
  readonly live: Live = {
    entries: () => [
      ...[...this.queues.values()].map((q): JournalEntry => ({ op: 'queue', queue: storedQueue(q) })),
      ...[...this.queues.values()].flatMap((q) =>
        [...q.tasks.values()].map((t): JournalEntry => ({ op: 'task', queue: q.name, task: storedTask(t) })),
      ),
    ],
    tasks: () => this.size,
    queues: () => this.queues.size,
  };

  /** One journal entry, read back on start. */
  replay(entry: JournalEntry): void {
    if (entry.op === 'queue') {
      const q = entry.queue as Pick<Queue, 'name' | 'rateLimits' | 'retryConfig'>;
      if (!this.queues.has(q.name)) this.addQueue(q.name, q);
    } else if (entry.op === 'task') {
      const task = { ...(entry.task as Task), dispatchCount: 0, responseCount: 0, running: false, stored: true };
      this.queues.get(entry.queue)?.tasks.set(task.name, task);
    } else this.queues.get(entry.queue)?.tasks.delete(entry.name);
  }

  queueOf(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new TasksError(404, 'NOT_FOUND', `Queue ${name} does not exist.`);
    return queue;
  }

  async createQueue(parent: string, body: Partial<Queue>): Promise<Queue> {
    const name = body.name ?? `${parent}/queues/${randomBytes(4).toString('hex')}`;
    if (this.queues.has(name)) throw new TasksError(409, 'ALREADY_EXISTS', `Queue ${name} already exists.`);
    const queue = this.addQueue(name, body);
    await this.journal?.append({ op: 'queue', queue: storedQueue(queue) });
    return queue;
  }

  private addQueue(name: string, body: Partial<Queue>): Queue {
    const rate = body.rateLimits ?? ({} as Partial<Queue['rateLimits']>);
    const retry = body.retryConfig ?? ({} as Partial<Queue['retryConfig']>);
    const burst = Math.max(1, Math.ceil(rate.maxDispatchesPerSecond ?? 500));
    const queue: Queue = {
      name,
      rateLimits: {
        maxDispatchesPerSecond: rate.maxDispatchesPerSecond ?? 500,
        maxConcurrentDispatches: rate.maxConcurrentDispatches ?? 1000,
        maxBurstSize: burst,
      },
      retryConfig: {
        maxAttempts: retry.maxAttempts ?? 100,
        minBackoff: retry.minBackoff ?? '0.100s',
        maxBackoff: retry.maxBackoff ?? '3600s',
        maxDoublings: retry.maxDoublings ?? 16,
      },
      tasks: new Map(),
      tokens: burst,
      refilledAt: Date.now(),
      inFlight: 0,
    };
    this.queues.set(name, queue);
    return queue;
  }

  /** The task, in memory at once (its name is taken) and on disk when this settles. */
  async createTask(
    parent: string,
    given: Partial<Task> & { scheduleTime?: string; dispatchDeadline?: string },
  ): Promise<Task> {
    const queue = this.queueOf(parent);
    if (!given.httpRequest?.url) throw new TasksError(400, 'INVALID_ARGUMENT', 'an HTTP task needs httpRequest.url');
    const name = given.name ?? `${parent}/tasks/${randomBytes(8).toString('hex')}`;
    if (!name.startsWith(`${parent}/tasks/`)) throw new TasksError(400, 'INVALID_ARGUMENT', `bad task name ${name}`);
    if (queue.tasks.has(name) || (this.usedNames.get(name) ?? 0) > Date.now()) {
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
      stored: !this.journal,
    };
    queue.tasks.set(name, task);
    if (this.journal) {
      try {
        await this.journal.append({ op: 'task', queue: queue.name, task: storedTask(task) });
      } catch (err) {
        queue.tasks.delete(name);
        throw new TasksError(503, 'UNAVAILABLE', `the task could not be stored: ${String(err)}`);
      }
      task.stored = true;
    }
    return task;
  }

  removeTask(queue: Queue, task: Task): void {
    queue.tasks.delete(task.name);
    this.usedNames.set(task.name, Date.now() + this.dedupeWindowMs);
    // Not waited for: a removal lost with the process only means the task is dispatched again after a restart.
    this.journal?.append({ op: 'done', queue: queue.name, name: task.name }).catch(() => {});
  }

  listTasks(parent: string, pageSize: number, start: number) {
    const all = [...this.queueOf(parent).tasks.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { page: all.slice(start, start + pageSize), more: start + pageSize < all.length };
  }

  get size(): number {
    return [...this.queues.values()].reduce((n, q) => n + q.tasks.size, 0);
  }
}

const storedQueue = (q: Queue) => ({ name: q.name, rateLimits: q.rateLimits, retryConfig: q.retryConfig });

const storedTask = (t: Task) => ({
  name: t.name,
  httpRequest: t.httpRequest,
  scheduleTime: t.scheduleTime,
  createTime: t.createTime,
  dispatchDeadlineMs: t.dispatchDeadlineMs,
});
