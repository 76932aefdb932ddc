/** Every entry point stops the same way: steps in order, then the log is flushed, then the exit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../../local/wait.js';

const fixture = fileURLToPath(new URL('../../fixtures/stopsOnSignal.ts', import.meta.url));

test('SIGTERM runs every stop step in order despite a handler that exits at once, and flushes the log', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor('the fixture to be ready', 20_000, async () => out.includes('ready'));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  const lines = out.split('\n').filter(Boolean);
  const steps = lines.filter((l) => l.startsWith('step:'));
  assert.deepEqual(steps, ['step: report', 'step: pool'], 'both steps ran, in order, past the failing one');
  const logged = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { message: string });
  assert.ok(
    logged.some((l) => l.message === 'logged before the signal'),
    'the buffered log line was flushed',
  );
  assert.ok(
    logged.some((l) => l.message === 'a shutdown step failed'),
    'the failing step was logged',
  );
});
