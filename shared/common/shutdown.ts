/**
 * How every entry point stops: on SIGTERM (Cloud Run gives an instance 10 s
 * before it kills it) or SIGINT (Ctrl-C, the local stack), run the
 * deployable's stop steps in order (report the last request counts, close
 * the publisher, end the pool), each within a deadline, then flush the log
 * and exit.
 *
 * functions-framework's own handler for these signals exits at once
 * (invoker.js, `ErrorHandler.register`), which would cut the steps short:
 * while they run, its `process.exit` is held and the exit happens here.
 */
import type { Logger } from './log.js';

export type Stop = () => Promise<void>;

export type ShutdownOptions = { deadlineMs?: number; exit?: (code: number) => void };

/** Runs the steps in order; a failing or hanging step is logged and does not stop the rest. */
export async function runStops(log: Logger, steps: Stop[], deadlineMs: number): Promise<void> {
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadlineMs)));
    try {
      const outcome = await Promise.race([step().then(() => 'done' as const), deadline]);
      if (outcome === 'late') log.warn({ deadlineMs }, 'a shutdown step did not finish in time');
    } catch (err) {
      log.warn({ err }, 'a shutdown step failed');
    } finally {
      clearTimeout(timer);
    }
  }
}

export function stopOnSignal(log: Logger, steps: Stop[], options: ShutdownOptions = {}): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const exit = options.exit ?? process.exit.bind(process);
    process.exit = (() => undefined) as typeof process.exit;
    log.info({ signal }, 'stopping');
    void runStops(log, steps, options.deadlineMs ?? 3000).finally(() => {
      // The buffered log goes out before the exit; if flushing hangs, the exit does not.
      setTimeout(() => exit(0), 1000).unref();
      log.flush(() => exit(0));
    });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
