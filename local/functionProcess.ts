/** One function of the local stack as its own Node process, as in production. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';
import { childEnv } from '../shared/config.js';

const serveScript = fileURLToPath(new URL('../scripts/serveFunction.ts', import.meta.url));

export type FunctionProcess = { name: string; url: string; child: ChildProcess; stop: () => Promise<void> };

export async function startFunction(name: string, url: string, env: Record<string, string>): Promise<FunctionProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serveScript, name], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: childEnv(env),
    // Its own process group: Ctrl-C reaches the stack, which stops children in order.
    detached: true,
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(`${name} at ${url}`, 30_000, async () => {
    if (exited) throw new Error(`${name} exited during start-up (code ${child.exitCode})`);
    return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
  }, 100);
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
