/** Runs wrk and pgbench and reads their figures. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

export type Measure = {
  connections: number;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx, plus socket errors and timeouts. */
  errors: number;
  /** 2xx answers: acknowledged ballots for a cast run, tokens for a token run. */
  acknowledged: number;
  /** Answers per HTTP status. */
  statuses?: Record<string, number>;
};

type WrkLine = {
  requests: number;
  duration_us: number;
  p50_us: number;
  p95_us: number;
  p99_us: number;
  socket_errors: number;
  statuses: Record<string, number>;
};

export async function wrk(
  url: string,
  script: 'cast' | 'trivial' | 'token',
  connections: number,
  seconds: number,
  args: string[] = [],
): Promise<Measure> {
  const threads = Math.min(2, connections);
  const { stdout } = await run(
    'wrk',
    [
      `-t${threads}`,
      `-c${connections}`,
      `-d${seconds}s`,
      '--timeout',
      '5s',
      '-s',
      path.join(here, `${script}.lua`),
      url,
      '--',
      ...args,
      String(threads),
    ],
    { maxBuffer: 1 << 24 },
  );
  const line = JSON.parse(stdout.split('\n').find((l) => l.startsWith('{'))!) as WrkLine;
  const ok = Object.entries(line.statuses)
    .filter(([code]) => code.startsWith('2'))
    .reduce((n, [, c]) => n + c, 0);
  const answered = Object.values(line.statuses).reduce((n, c) => n + c, 0);
  return {
    connections,
    requests: line.requests,
    perSecond: line.requests / (line.duration_us / 1e6),
    p50Ms: line.p50_us / 1000,
    p95Ms: line.p95_us / 1000,
    p99Ms: line.p99_us / 1000,
    errors: answered - ok + line.socket_errors,
    acknowledged: ok,
    statuses: line.statuses,
  };
}

/** pgbench with per-transaction logs (in `logDir`), from which the latency percentiles come. */
export async function pgbench(
  binDir: string,
  conn: { host: string; port: string; user: string; database: string },
  clients: number,
  seconds: number,
  vars: Record<string, string>,
  logDir: string,
): Promise<Measure & { failed: number }> {
  const prefix = path.join(logDir, `pgbench-${clients}-${Date.now()}`);
  const { stdout } = await run(
    path.join(binDir, 'pgbench'),
    [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(clients),
      '-j',
      String(Math.min(2, clients)),
      '-T',
      String(seconds),
      '-l',
      `--log-prefix=${prefix}`,
      ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      '-f',
      path.join(here, 'cast.pgbench'),
      '-h',
      conn.host,
      '-p',
      conn.port,
      '-U',
      conn.user,
      conn.database,
    ],
    { maxBuffer: 1 << 24 },
  );
  const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? NaN);
  const processed = num(/number of transactions actually processed: (\d+)/);
  const failed = num(/number of failed transactions: (\d+)/) || 0;
  const latencies = readdirSync(logDir)
    .filter((f) => path.join(logDir, f).startsWith(prefix))
    .flatMap((f) =>
      readFileSync(path.join(logDir, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => Number(l.split(' ')[2]) / 1000),
    )
    .sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    connections: clients,
    requests: processed,
    perSecond: num(/tps = ([\d.]+)/),
    p50Ms: pct(50),
    p95Ms: pct(95),
    p99Ms: pct(99),
    errors: failed,
    acknowledged: processed,
    failed,
  };
}

/** wrk comes from Debian's packages; install it when missing and we may. */
export function ensureWrk(): void {
  try {
    execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
  } catch {
    if (process.getuid?.() !== 0) throw new Error('the bench needs wrk: apt-get install wrk');
    console.error('installing wrk (apt-get)…');
    execFileSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq wrk'], { stdio: 'inherit' });
  }
}
