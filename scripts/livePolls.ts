/**
 * What keeping the member page live costs the events function: N phones
 * (3,000 by default), each signed in as its own member, ask
 * GET /v1/me/elections as the web app does (every 1.3–1.5 s, with the ETag
 * they hold), while the chair opens a vote and later closes it. Run twice:
 * conditionally (the app's way: 304 while nothing changed) and, for
 * comparison, unconditionally (200 and the body every time). Prints, per
 * run, the requests a second, the share answered 304, latency, the events
 * process's CPU (in cores), the database transactions a second, the bytes
 * sent, and how long each phone took to see the open and the close.
 *
 *   npm run bench:live -- [--phones 3000] [--seconds 24]
 *
 * Everything runs on this machine: PostgreSQL, the functions, the identity
 * provider, the KMS stand-in, the Pub/Sub emulator and the phones (this
 * process) share its cores, so the figures are an upper bound of the cost.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import http from 'node:http';
import { startTokenStack, type TokenStack } from './bench/tokenStack.js';
import { startBenchDatabase } from './bench/benchDatabase.js';
import type { MyElections } from '../schemas/api.js';

const { values } = parseArgs({
  options: { phones: { type: 'string', default: '3000' }, seconds: { type: 'string', default: '24' } },
});
const phones = Number(values.phones);
const seconds = Number(values.seconds);
const ticksPerSecond = 100; // /proc/<pid>/stat's clock ticks (CLK_TCK on Linux)

/** CPU seconds the process has used so far (user + system). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Run = {
  mode: 'conditional' | 'unconditional';
  requests: number;
  notModified: number;
  failed: number;
  latencies: number[];
  bytes: number;
  cpu: number;
  transactions: number;
  wall: number;
  sawOpen: number[];
  sawClose: number[];
};

async function run(
  stack: TokenStack,
  jwts: string[],
  mode: Run['mode'],
  txCount: () => Promise<number>,
  seconds: number,
): Promise<Run> {
  const result: Run = {
    mode,
    requests: 0,
    notModified: 0,
    failed: 0,
    latencies: [],
    bytes: 0,
    cpu: 0,
    transactions: 0,
    wall: 0,
    sawOpen: [],
    sawClose: [],
  };
  const change: { id?: string; openedAt?: number; closedAt?: number } = {};
  let stopping = false;
  const phone = async (jwt: string) => {
    let etag = '';
    let seenOpen = false;
    let seenClose = false;
    await sleep(Math.random() * 1400);
    while (!stopping) {
      const sent = performance.now();
      try {
        const res = await get(`${stack.events}/v1/me/elections`, {
          authorization: `Bearer ${jwt}`,
          ...(mode === 'conditional' && etag ? { 'if-none-match': etag } : {}),
        });
        const text = res.text;
        result.requests++;
        result.latencies.push(performance.now() - sent);
        result.bytes += text.length;
        if (res.status === 304) result.notModified++;
        else if (res.status !== 200) result.failed++;
        else {
          etag = res.etag;
          const at = performance.now();
          const now = change.id
            ? (JSON.parse(text) as MyElections).elections.find((e) => e.id === change.id)
            : undefined;
          if (now?.status === 'open' && !seenOpen && change.openedAt !== undefined) {
            seenOpen = true;
            result.sawOpen.push(at - change.openedAt);
          }
          if (now?.status === 'sealed' && !seenClose && change.closedAt !== undefined) {
            seenClose = true;
            result.sawClose.push(at - change.closedAt);
          }
        }
      } catch {
        result.failed++;
      }
      await sleep(1300 + Math.random() * 200);
    }
  };
  const startedAt = performance.now();
  const cpuBefore = cpuSeconds(stack.eventsPid);
  const txBefore = await txCount();
  const all = Promise.all(jwts.map(phone));
  await sleep((seconds * 1000) / 3);
  const id = await stack.openElection();
  change.id = id;
  change.openedAt = performance.now();
  await sleep((seconds * 1000) / 3);
  await stack.closeElection(id);
  change.closedAt = performance.now();
  await sleep((seconds * 1000) / 3);
  stopping = true;
  await all;
  result.wall = (performance.now() - startedAt) / 1000;
  result.cpu = cpuSeconds(stack.eventsPid) - cpuBefore;
  result.transactions = (await txCount()) - txBefore;
  return result;
}

function report(r: Run): void {
  const lat = [...r.latencies].sort((a, b) => a - b);
  const open = [...r.sawOpen].sort((a, b) => a - b);
  const close = [...r.sawClose].sort((a, b) => a - b);
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log(
    [
      `${r.mode}: ${phones} phones for ${r.wall.toFixed(1)} s`,
      `  requests        ${(r.requests / r.wall).toFixed(0)}/s, ${((100 * r.notModified) / r.requests).toFixed(1)} % answered 304, ${r.failed} failed`,
      `  latency         p50 ${ms(quantile(lat, 0.5))}, p99 ${ms(quantile(lat, 0.99))}`,
      `  events CPU      ${(r.cpu / r.wall).toFixed(2)} cores (${((1e6 * r.cpu) / r.requests).toFixed(0)} µs a request)`,
      `  database        ${(r.transactions / r.wall).toFixed(1)} transactions/s`,
      `  bytes sent      ${(r.bytes / r.wall / 1024).toFixed(0)} KiB/s of bodies`,
      `  open seen by    ${open.length}/${phones} phones: median ${ms(quantile(open, 0.5))}, p99 ${ms(quantile(open, 0.99))}, max ${ms(open.at(-1) ?? NaN)}`,
      `  close seen by   ${close.length}/${phones} phones: median ${ms(quantile(close, 0.5))}, p99 ${ms(quantile(close, 0.99))}, max ${ms(close.at(-1) ?? NaN)}`,
    ].join('\n'),
  );
}

// Every phone its own connection, kept open between polls, as in a hall.
const agent = new http.Agent({ keepAlive: true, maxSockets: phones });
function get(url: string, headers: Record<string, string>): Promise<{ status: number; etag: string; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: String(res.headers.etag ?? ''), text }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
const { scratch, pg, admin, stop } = await startBenchDatabase('live', {
  durable: false,
  poolMax: 1,
  statementTimeoutMs: 60_000,
});
let stack: TokenStack | undefined;
try {
  const txCount = async () => {
    const [row] = await admin<
      { n: string }[]
    >`select xact_commit + xact_rollback as n from pg_stat_database where datname = 'live'`;
    return Number(row?.n ?? 0);
  };
  stack = await startTokenStack(pg, 'live', scratch, phones);
  const jwts = readFileSync(stack.jwtsFile, 'utf8').trim().split('\n');
  console.log(
    `# ${phones} phones polling GET /v1/me/elections every 1.3–1.5 s; ${os.cpus().length} cores shared by everything`,
  );
  // A first, unreported pass: every phone's first answer, the sockets, the JIT and the views are warm after it.
  await run(stack, jwts, 'conditional', txCount, 6);
  for (const mode of ['conditional', 'unconditional'] as const) report(await run(stack, jwts, mode, txCount, seconds));
} finally {
  await stack?.stop();
  await stop();
}
