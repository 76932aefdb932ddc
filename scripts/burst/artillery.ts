/** Runs Artillery scenarios for `npm run burst` and reads their outcome. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from '../../local/config.js';

export const artilleryDir = fileURLToPath(new URL('../../artillery', import.meta.url));
export const workDir = path.join(artilleryDir, 'work');

export type Ack = { token: string; receipt: string; choice: string; status: number; at: number };
type Summary = { p50: number; p95: number; p99: number; max: number };

/** CPU seconds used by this process's finished children (Linux: cutime + cstime of /proc/self/stat); NaN elsewhere. */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // clock ticks, 100 a second on Linux
  } catch {
    return NaN;
  }
}

/** How much of this machine the load generator took while it ran: it shares the cores with the stack. */
export function generatorShare(run: { generatorCpuS: number; wallS: number }): string {
  const cores = os.cpus().length;
  return `the load generator used ${run.generatorCpuS.toFixed(1)} CPU-s in ${run.wallS.toFixed(1)} s (${(run.generatorCpuS / run.wallS).toFixed(2)} of ${cores} cores)`;
}

/** Runs one Artillery scenario (asynchronously: a blocked event loop would strand our keep-alive sockets). */
export async function runArtillery(config: string, name: string, target: string, variables: Record<string, string>) {
  const ackFile = path.join(workDir, `${name}-acks.jsonl`);
  const report = path.join(workDir, `${name}-report.json`);
  const cpuBefore = childrenCpuSeconds();
  const startedAt = performance.now();
  const child = spawn(
    path.join(artilleryDir, 'node_modules', '.bin', 'artillery'),
    ['run', config, '--target', target, '--variables', JSON.stringify(variables), '--output', report, '--quiet'],
    {
      cwd: artilleryDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: childEnv({ ARTILLERY_DISABLE_TELEMETRY: 'true', BURST_ACK_FILE: ackFile }),
    },
  );
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const generatorCpuS = childrenCpuSeconds() - cpuBefore;
  const wallS = (performance.now() - startedAt) / 1000;
  const { aggregate } = JSON.parse(readFileSync(report, 'utf8')) as {
    aggregate: {
      counters: Record<string, number>;
      summaries: Record<string, Summary>;
    };
  };
  const latency = aggregate.summaries['http.response_time']!;
  const counter = (key: string) => aggregate.counters[key] ?? 0;
  const acks = existsSync(ackFile)
    ? readFileSync(ackFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Ack)
    : [];
  return {
    ensured: status === 0,
    acks,
    p50: latency.p50,
    p95: latency.p95,
    p99: latency.p99,
    max: latency.max,
    retried: counter('burst.retried'),
    gaveUp: counter('burst.gave_up'),
    failed: counter('burst.failed'),
    errors: counter('burst.gave_up') + counter('burst.failed') + counter('vusers.failed'),
    counter,
    generatorCpuS,
    wallS,
    /** A histogram the processor recorded (meeting.token_ms, …). */
    summary: (name: string): Summary | undefined => aggregate.summaries[name],
  };
}

export function installArtillery(): void {
  if (existsSync(path.join(artilleryDir, 'node_modules', '.bin', 'artillery'))) return;
  console.error('installing Artillery into artillery/ (first run only)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: artilleryDir,
    stdio: 'inherit',
    // Offline-safe: Playwright (an Artillery dependency) must not download a browser.
    env: childEnv({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }),
  });
}
