/** A measured server as its own process on a free loopback port; its log lines go to /dev/null. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../local/processes/freePort.js';
import { waitFor } from '../../local/wait.js';
import { childEnv } from '../../local/config.js';

const scripts = {
  elections: fileURLToPath(new URL('../../local/processes/serveFunction.ts', import.meta.url)),
  trivial: fileURLToPath(new URL('./trivialFunction.ts', import.meta.url)),
};

export async function startTarget(kind: 'elections' | 'trivial', env: Record<string, string>) {
  const port = await freePort();
  const args = kind === 'elections' ? [scripts.elections, 'elections'] : [scripts.trivial, String(port)];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: childEnv({ ...env, PORT: String(port) }),
  });
  const url = `http://127.0.0.1:${port}`;
  const probe = kind === 'elections' ? `${url}/healthz` : url;
  await waitFor(
    `${kind} on ${port}`,
    30_000,
    async () => {
      if (child.exitCode !== null) throw new Error(`${kind} exited during start-up`);
      return fetch(probe, {
        method: kind === 'elections' ? 'GET' : 'POST',
        body: kind === 'elections' ? undefined : '{}',
      }).then(
        (r) => r.ok,
        () => false,
      );
    },
    100,
  );
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await waitFor(`${kind} to stop`, 10_000, async () => child.exitCode !== null || child.signalCode !== null).catch(
        () => child.kill('SIGKILL'),
      );
    },
  };
}
