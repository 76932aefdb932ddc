/**
 * A local stand-in for Cloud Tasks (none is published that runs here), for
 * the local stack and the tests: the real `@google-cloud/tasks` client talks
 * to it over its REST transport (`fallback: true`: JSON, enums as integers,
 * bodies base64, durations "1.5s"), as it would to cloudtasks.googleapis.com.
 * Its parts, as aertje/cloud-tasks-emulator splits its own: the queues' state
 * (queues.ts), the dispatcher (dispatcher.ts) and this REST surface. A task's
 * name is refused (409 ALREADY_EXISTS) while the task exists and for
 * `dedupeWindowMs` after it was deleted, as Cloud Tasks refuses a recently
 * used name. With `dataDir`, its queues and tasks are kept on disk
 * (journal.ts): a task it answered survives the stand-in being killed, and
 * is dispatched once it is back, as with Cloud Tasks.
 *
 * Supported (https://cloud.google.com/tasks/docs/reference/rest):
 *   POST   /v2/{parent=projects/p/locations/l}/queues            Queue
 *   GET    /v2/{name=…/queues/q}
 *   POST   /v2/{parent=…/queues/q}/tasks                         {task}
 *   GET    /v2/{parent=…/queues/q}/tasks?pageSize&pageToken
 *   GET    /v2/{name=…/queues/q/tasks/t}
 *   DELETE /v2/{name=…/queues/q/tasks/t}
 * and, for tests, GET /stand-in/stats: its dispatch counts and how often tasks were listed.
 */
import { serveGoogleRest } from '../googleRest.js';
import { describeQueue, describeTask, TaskQueues, TasksError, type Queue } from './queues.js';
import { startDispatcher, type SignOidc } from './dispatcher.js';
import { Journal } from './journal.js';

export type { SignOidc };

export type TasksStats = {
  dispatched: number;
  succeeded: number;
  retried: number;
  inQueue: number;
  /** How often a queue's tasks were listed (a close waiting for its queue does). */
  listed: number;
};

export type CloudTasksStandIn = {
  endpoint: string;
  /** Dispatch attempts and their outcome so far, for tests. */
  stats: () => TasksStats;
  close: () => Promise<void>;
};

export type StandInOptions = {
  port?: number;
  host?: string;
  signOidc?: SignOidc;
  dedupeWindowMs?: number;
  /** Where its queues and tasks are kept; in memory only without. */
  dataDir?: string;
};

const segment = '[A-Za-z0-9_-]{1,100}';
const queuesPath = new RegExp(`^/v2/(projects/${segment}/locations/${segment})/queues$`);
const queuePath = new RegExp(`^/v2/(projects/${segment}/locations/${segment}/queues/${segment})$`);
const tasksPath = new RegExp(`^/v2/(projects/${segment}/locations/${segment}/queues/${segment})/tasks$`);
const taskPath = new RegExp(`^/v2/((projects/${segment}/locations/${segment}/queues/${segment})/tasks/${segment})$`);

export async function startCloudTasksStandIn(options: StandInOptions = {}): Promise<CloudTasksStandIn> {
  const state = new TaskQueues(options.dedupeWindowMs ?? 60 * 60_000);
  if (options.dataDir) state.journal = await Journal.open(options.dataDir, (e) => state.replay(e), state.live);
  const dispatcher = startDispatcher(state, options.signOidc);
  let listed = 0;
  const stats = () => ({ ...dispatcher.counts, inQueue: state.size, listed });

  async function route(method: string, url: URL, body: Record<string, unknown>): Promise<unknown> {
    let m: RegExpExecArray | null;
    const path = url.pathname;
    if (method === 'GET' && path === '/stand-in/stats') return stats();
    if (method === 'POST' && (m = queuesPath.exec(path)))
      return describeQueue(await state.createQueue(m[1]!, body as Partial<Queue>));
    if (method === 'GET' && (m = queuePath.exec(path))) return describeQueue(state.queueOf(m[1]!));
    if (method === 'POST' && (m = tasksPath.exec(path))) {
      const task = await state.createTask(m[1]!, (body.task ?? {}) as Parameters<TaskQueues['createTask']>[1]);
      dispatcher.schedule();
      return describeTask(task);
    }
    if (method === 'GET' && (m = tasksPath.exec(path))) {
      listed++;
      const pageSize = Math.min(1000, Number(url.searchParams.get('pageSize') ?? 1000) || 1000);
      const start = Number(url.searchParams.get('pageToken') || 0);
      const { page, more } = state.listTasks(m[1]!, pageSize, start);
      return { tasks: page.map(describeTask), nextPageToken: more ? String(start + pageSize) : '' };
    }
    if ((m = taskPath.exec(path))) {
      const queue = state.queueOf(m[2]!);
      const task = queue.tasks.get(m[1]!);
      if (!task) throw new TasksError(404, 'NOT_FOUND', `Task ${m[1]} does not exist.`);
      if (method === 'GET') return describeTask(task);
      if (method === 'DELETE') {
        state.removeTask(queue, task);
        return {};
      }
    }
    throw new TasksError(404, 'NOT_FOUND', `no such method: ${method} ${path}`);
  }

  const rest = await serveGoogleRest(route, options.port ?? 0, options.host ?? '127.0.0.1');
  dispatcher.schedule(); // what it kept from before
  return {
    endpoint: rest.endpoint,
    stats,
    close: async () => {
      dispatcher.stop();
      await rest.close();
      await state.journal?.close();
    },
  };
}
