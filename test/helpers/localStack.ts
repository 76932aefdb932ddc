/**
 * `npm start` as a test runs it: the whole local stack in a folder of its
 * own on free ports, ready when local.json appears; stop() is Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stablePort } from '../../local/processes/freePort.js';
import { waitFor } from '../../local/wait.js';
import type { LocalJson } from '../../local/stack/stackFiles.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export type LocalStack = LocalJson & { dir: string; stop: () => Promise<void> };

export async function startLocalStack(): Promise<LocalStack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-stack-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
  const ports = ['EVENTS', 'ELECTIONS', 'IDP', 'KMS', 'PUBSUB', 'PG', 'TASKS', 'BALLOT_TASKS'] as const;
  // Ticks every 5 s: a browser test sees a scheduled close without waiting half a minute.
  const env: NodeJS.ProcessEnv = { ...process.env, EKKLESIA_DIR: dir, LOG_LEVEL: 'warn', EKKLESIA_TICK_MS: '5000' };
  for (const p of ports) env[`EKKLESIA_${p}_PORT`] = String(await stablePort());
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let said = '';
  child.stdout?.on('data', (d: Buffer) => (said += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (said += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(
    'the local stack',
    90_000,
    async () => existsSync(path.join(dir, 'local.json')) || child.exitCode !== null,
  );
  if (child.exitCode !== null) throw new Error(`npm start stopped:\n${said.slice(-2000)}`);
  const local = JSON.parse(readFileSync(path.join(dir, 'local.json'), 'utf8')) as LocalJson;
  return {
    ...local,
    dir,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
