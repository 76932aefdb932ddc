/** One function of the local stack as its own Node process, as in production (and the Cloud Tasks stand-in). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../wait.js';
import { childEnv, cpuProfileFlags } from '../config.js';

const serveScript = fileURLToPath(new URL('./serveFunction.ts', import.meta.url));
const workerScript = fileURLToPath(new URL('./serveWorker.ts', import.meta.url));
const tasksScript = fileURLToPath(new URL('./serveTasks.ts', import.meta.url));

export type FunctionProcess = { name: string; url: string; child: ChildProcess; stop: () => Promise<void> };

/** `onLine`: each line the process writes to stdout goes there instead of the terminal (its log, for tests). */
export type StartOptions = { onLine?: (line: string) => void };

/** An HTTP function, ready once its /healthz answers 200. */
export function startFunction(
  name: string,
  url: string,
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<FunctionProcess> {
  return start(serveScript, name, url, env, (res) => res.ok, '/healthz', options);
}

/** A Pub/Sub worker (cloudEvent target), ready once it answers HTTP at all. */
export function startWorker(name: string, url: string, env: Record<string, string>): Promise<FunctionProcess> {
  return start(workerScript, name, url, env, () => true, '/');
}

/** The Cloud Tasks stand-in (serveTasks.ts), ready once it answers its stats. */
export function startTasksStandIn(url: string, env: Record<string, string>): Promise<FunctionProcess> {
  return start(tasksScript, 'the Cloud Tasks stand-in', url, env, (res) => res.ok, '/stand-in/stats');
}

async function start(
  script: string,
  name: string,
  url: string,
  env: Record<string, string>,
  ready: (res: Response) => boolean,
  probe: string,
  options: StartOptions = {},
): Promise<FunctionProcess> {
  const child = spawn(process.execPath, [...cpuProfileFlags(name), '--import', 'tsx', script, name], {
    stdio: ['ignore', options.onLine ? 'pipe' : 'inherit', 'inherit'],
    env: childEnv(env),
    // Its own process group: Ctrl-C reaches the stack, which stops children in order.
    detached: true,
  });
  if (options.onLine) {
    const onLine = options.onLine;
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onLine);
    });
  }
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    `${name} at ${url}`,
    30_000,
    async () => {
      if (exited) throw new Error(`${name} exited during start-up (code ${child.exitCode})`);
      return fetch(`${url}${probe}`).then(ready, () => false);
    },
    100,
  );
  return {
    name,
    url,
    child,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      await waitFor(`${name} to stop`, 10_000, async () => exited).catch(() => child.kill('SIGKILL'));
    },
  };
}
