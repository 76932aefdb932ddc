/**
 * Keeps one child of the local stack running, as a developer expects of
 * `npm start`: when it dies unexpectedly it is started again (same port,
 * same data), and the stack says so. More than `maxRestarts` deaths within
 * `windowMs` means something is wrong with it: the supervisor gives up and
 * the stack stops, saying why.
 */
import type { ChildProcess } from 'node:child_process';

export type Supervised = { child: ChildProcess; stop: () => Promise<void> };

export type SuperviseOptions<P extends Supervised> = {
  /** What must be redone once it is back (the emulator's topics and subscriptions: it keeps none). */
  afterRestart?: (proc: P) => Promise<void>;
  onGiveUp: () => void;
  maxRestarts?: number;
  windowMs?: number;
  say?: (line: string) => void;
};

export type Supervisor<P extends Supervised> = { readonly current: P; stop: () => Promise<void> };

export async function supervise<P extends Supervised>(
  name: string,
  start: () => Promise<P>,
  options: SuperviseOptions<P>,
): Promise<Supervisor<P>> {
  const { maxRestarts = 3, windowMs = 60_000, say = (line: string) => console.error(line) } = options;
  let current = await start();
  let stopped = false;
  const deaths: number[] = [];

  const watch = (proc: P) =>
    proc.child.once('exit', (code, signal) => {
      if (!stopped && proc === current) void restart(signal ?? `code ${code}`);
    });

  async function restart(why: string): Promise<void> {
    const now = Date.now();
    deaths.push(now);
    while (deaths[0]! < now - windowMs) deaths.shift();
    if (deaths.length > maxRestarts) {
      say(`${name} exited unexpectedly (${why}), ${deaths.length} times within ${windowMs / 1000} s: giving up`);
      options.onGiveUp();
      return;
    }
    say(`${name} exited unexpectedly (${why}); restarting it (${deaths.length} of ${maxRestarts} restarts a minute)`);
    try {
      current = await start();
      if (stopped) return await current.stop(); // the stack stopped meanwhile
      watch(current);
      await options.afterRestart?.(current);
      say(`${name} is running again`);
    } catch (err) {
      say(`${name} could not be restarted: ${err instanceof Error ? err.message : String(err)}`);
      options.onGiveUp();
    }
  }

  watch(current);
  return {
    get current() {
      return current;
    },
    stop: async () => {
      stopped = true;
      await current.stop();
    },
  };
}
