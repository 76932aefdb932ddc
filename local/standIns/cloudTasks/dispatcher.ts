/**
 * The stand-in's dispatcher: each queue dispatches its HTTP tasks as Cloud
 * Tasks does, at most `maxDispatchesPerSecond` (a token bucket) and
 * `maxConcurrentDispatches` at once; a 2xx answer deletes the task, anything
 * else (or no answer within the dispatch deadline) is retried after the
 * queue's backoff, until `maxAttempts`. With an OIDC token asked for, the
 * dispatch carries one from `signOidc` (the dev identity provider locally, as
 * Google signs for the queue's service account in production).
 */
import { backoffMs, type Queue, type Task, type TaskQueues } from './queues.js';

export type SignOidc = (audience: string, serviceAccountEmail: string) => Promise<string>;

const httpMethods = ['POST', 'POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export type Dispatcher = {
  /** Dispatches every task that is due and allowed now, then sleeps until the next may be. */
  schedule(): void;
  counts: { dispatched: number; succeeded: number; retried: number };
  stop(): void;
};

export function startDispatcher(state: TaskQueues, signOidc: SignOidc | undefined): Dispatcher {
  const counts = { dispatched: 0, succeeded: 0, retried: 0 };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function send(queue: Queue, task: Task): Promise<boolean> {
    const request = task.httpRequest;
    const headers: Record<string, string> = {
      ...request.headers,
      'x-cloudtasks-queuename': queue.name.split('/').pop()!,
      'x-cloudtasks-taskname': task.name.split('/').pop()!,
      'x-cloudtasks-taskretrycount': String(task.dispatchCount - 1),
    };
    if (request.oidcToken) {
      if (!signOidc) throw new Error('this stand-in was started without an OIDC signer');
      const token = await signOidc(
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
    return res.status >= 200 && res.status < 300;
  }

  async function dispatch(queue: Queue, task: Task): Promise<void> {
    task.running = true;
    task.dispatchCount++;
    counts.dispatched++;
    queue.inFlight++;
    // No answer is retried like a failure.
    const ok = await send(queue, task).catch(() => false);
    queue.inFlight--;
    task.running = false;
    const max = queue.retryConfig.maxAttempts;
    if (ok) counts.succeeded++;
    if (ok || (max >= 0 && task.dispatchCount >= max)) state.removeTask(queue, task);
    else {
      counts.retried++;
      task.scheduleTime = Date.now() + backoffMs(queue, task.dispatchCount);
    }
    schedule();
  }

  function schedule(): void {
    if (stopped) return;
    clearTimeout(timer);
    const now = Date.now();
    let next = Infinity;
    for (const queue of state.queues.values()) {
      const { maxDispatchesPerSecond: rate, maxBurstSize } = queue.rateLimits;
      queue.tokens = Math.min(maxBurstSize, queue.tokens + ((now - queue.refilledAt) / 1000) * rate);
      queue.refilledAt = now;
      const due = [...queue.tasks.values()]
        .filter((t) => t.stored && !t.running)
        .sort((a, b) => a.scheduleTime - b.scheduleTime);
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

  return {
    schedule,
    counts,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
