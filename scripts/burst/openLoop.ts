import { setTimeout as delay } from 'node:timers/promises';

/**
 * Starts `work` for one item every 1/rate seconds, whatever the answers (an
 * open loop, as voters arrive), then waits for all: the results in item
 * order, how long the arrivals took and how long until the last answer.
 */
export async function openLoop<T, R>(
  items: T[],
  rate: number,
  work: (item: T) => Promise<R>,
): Promise<{ results: R[]; offeredS: number; answeredS: number }> {
  const started = performance.now();
  const running: Promise<R>[] = [];
  for (let i = 0; i < items.length; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait >= 1) await delay(wait);
    running.push(work(items[i]!));
  }
  const offeredS = (performance.now() - started) / 1000;
  const results = await Promise.all(running);
  return { results, offeredS, answeredS: (performance.now() - started) / 1000 };
}
