/**
 * The share of new traces a function samples, followed from the database:
 * the lifecycle worker raises it for a meeting (`ops.trace_sampling`,
 * migration 000040) until the meeting's end; otherwise the function's own
 * `TRACE_RATIO` (the share tracing started with). Read every 30 s with one statement outside any request;
 * a failed read keeps the share it had. Off when tracing is off.
 */
import type { Sql } from '../db/index.js';
import type { Logger } from '../log.js';
import type { Tracing } from './tracing.js';

export const followEveryMs = 30_000;

/** The share in force now: the raised one while it holds, else `fallback`. */
export async function samplingRatio(sql: Sql, fallback: number): Promise<number> {
  const [row] = await sql<{ ratio: number }[]>`select ratio from ops.trace_sampling where until > now()`;
  return row?.ratio ?? fallback;
}

/** Follows the share until the returned stop is called. */
export function followSampling(
  tracing: Tracing | undefined,
  sql: Sql,
  log: Logger,
  everyMs = followEveryMs,
): () => void {
  if (!tracing) return () => {};
  const read = () =>
    samplingRatio(sql, tracing.baseRatio).then(
      (ratio) => tracing.sampler.set(ratio),
      (err: unknown) => log.warn({ err }, 'reading the trace sampling share failed; keeping the last'),
    );
  void read();
  const timer = setInterval(() => void read(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
