/** The bench's summary, its JSON line and bench/REPORT.md. */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measure } from './loadgen.js';
import type { Tally } from './prepare.js';

export type Run = {
  target: 'bare' | 'framework' | 'trivial' | 'pgbench' | 'tokens';
  measure: Measure;
  tally?: Tally;
  /** Token runs: issuances the registry recorded for the run's election. */
  /** A token run: rows naming a member or a vote's event written while it ran (a token request writes none). */
  writes?: number;
};

export type Summary = {
  bare_ballots_per_s: number;
  framework_ballots_per_s: number;
  framework_trivial_per_s: number;
  pgbench_tps: number;
  /** pgbench at the app's own pool size (the connections the app itself has). */
  pgbench_tps_at_pool: number;
  /** a / d with d at its best point (any client count). */
  ratio_bare_pgbench: number;
  /** a / d with d at the app's pool size: the same connections on both sides. */
  ratio_bare_pgbench_at_pool: number;
  ratio_framework: number;
  p99_ms_bare: number;
  tokens_per_s: number;
  ratio_tokens_ballots: number;
  p50_ms_tokens: number;
  p99_ms_tokens: number;
  errors: number;
  lost: number;
  double_counted: number;
};

const peak = (runs: Run[], target: Run['target']) =>
  runs
    .filter((r) => r.target === target)
    .reduce<Run | undefined>(
      (best, r) => (!best || r.measure.perSecond > best.measure.perSecond ? r : best),
      undefined,
    );

/** Per cast run: acknowledged ballots missing from the database, and ballots or tokens counted twice. */
export function correctness(run: Run): { lost: number; doubleCounted: number; unacknowledged: number } {
  if (run.writes !== undefined) {
    // Every token answer is 200 (anything else is lost), and the run wrote nothing (a write would date a member).
    const answered = Object.values(run.measure.statuses ?? {}).reduce((a, b) => a + b, 0);
    return {
      lost: answered - (run.measure.statuses?.['200'] ?? 0),
      doubleCounted: run.writes,
      unacknowledged: 0,
    };
  }
  if (!run.tally) return { lost: 0, doubleCounted: 0, unacknowledged: 0 };
  const { ballots, distinctReceipts, usedTokens } = run.tally;
  return {
    lost: Math.max(0, run.measure.acknowledged - ballots),
    doubleCounted: ballots - distinctReceipts + Math.abs(usedTokens - ballots),
    // Cast when the load generator stopped, before it read the answer: counted, not lost.
    unacknowledged: Math.max(0, ballots - run.measure.acknowledged),
  };
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const r2 = (v: number) => Math.round(v * 100) / 100;

type About = { seconds: number; postgres: string; appPool: number };

export function writeReport(dir: string, runs: Run[], about: About): Summary {
  const bare = peak(runs, 'bare')!;
  const framework = peak(runs, 'framework')!;
  const trivial = peak(runs, 'trivial')!;
  const pg = peak(runs, 'pgbench')!;
  const tokens = peak(runs, 'tokens')!;
  const pgAtPool = runs.find((r) => r.target === 'pgbench' && r.measure.connections === about.appPool)!;
  const checks = runs.map(correctness);
  const summary: Summary = {
    bare_ballots_per_s: Math.round(bare.measure.perSecond),
    framework_ballots_per_s: Math.round(framework.measure.perSecond),
    framework_trivial_per_s: Math.round(trivial.measure.perSecond),
    pgbench_tps: Math.round(pg.measure.perSecond),
    pgbench_tps_at_pool: Math.round(pgAtPool.measure.perSecond),
    ratio_bare_pgbench: r2(bare.measure.perSecond / pg.measure.perSecond),
    ratio_bare_pgbench_at_pool: r2(bare.measure.perSecond / pgAtPool.measure.perSecond),
    ratio_framework: r2(framework.measure.perSecond / trivial.measure.perSecond),
    p99_ms_bare: r1(bare.measure.p99Ms),
    tokens_per_s: Math.round(tokens.measure.perSecond),
    ratio_tokens_ballots: r2(tokens.measure.perSecond / bare.measure.perSecond),
    p50_ms_tokens: r1(tokens.measure.p50Ms),
    p99_ms_tokens: r1(tokens.measure.p99Ms),
    errors: runs
      .filter((r) => r.target === 'bare' || r.target === 'framework' || r.target === 'tokens')
      .reduce((n, r) => n + r.measure.errors, 0),
    lost: checks.reduce((n, c) => n + c.lost, 0),
    double_counted: checks.reduce((n, c) => n + c.doubleCounted, 0),
  };
  writeFileSync(
    path.join(dir, 'results.json'),
    `${JSON.stringify({ summary, runs, about: machine(about) }, null, 2)}\n`,
  );
  writeFileSync(path.join(dir, 'REPORT.md'), markdown(summary, runs, about));
  return summary;
}

function machine(about: About) {
  return {
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: about.postgres.split(' on ')[0],
    secondsPerPoint: about.seconds,
  };
}

function markdown(s: Summary, runs: Run[], about: About): string {
  const m = machine(about);
  const rows = runs.map((r) => {
    const c = correctness(r);
    const t = r.tally
      ? `${r.tally.ballots} / ${c.lost} / ${c.doubleCounted} / ${c.unacknowledged}`
      : r.writes !== undefined
        ? `${r.measure.statuses?.['200'] ?? 0} tokens / ${c.lost} / ${c.doubleCounted} writes / —`
        : '—';
    return `| ${r.target} | ${r.measure.connections} | ${Math.round(r.measure.perSecond)} | ${r2(r.measure.p50Ms)} | ${r2(r.measure.p95Ms)} | ${r2(r.measure.p99Ms)} | ${r.measure.errors} | ${t} |`;
  });
  return `# Ekklesia benchmark

Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: all five measured in one run, each point ${about.seconds} s.

Machine: ${m.cpus}, ${m.memoryGiB} GiB, ${m.kernel}; Node ${m.node}; ${m.postgres} with fsync on;
load generators (wrk, pgbench) on the same machine, over loopback.

| measure | figure | target |
|---|---|---|
| (a) ballots/s, bare Hono app | ${s.bare_ballots_per_s} | ≥ 5,000 |
| (d) pgbench, same cast statement, tx/s, best point | ${s.pgbench_tps} | — |
| (d) pgbench at the app's pool (${about.appPool} connections), tx/s | ${s.pgbench_tps_at_pool} | — |
| a / d, equal connections (${about.appPool} each) | ${s.ratio_bare_pgbench_at_pool} | ≥ 0.8 |
| a / d, d's best point | ${s.ratio_bare_pgbench} | ≥ 0.5 |
| (b) ballots/s, functions-framework | ${s.framework_ballots_per_s} | — |
| (c) functions-framework, trivial JSON, req/s | ${s.framework_trivial_per_s} | — |
| b / c | ${s.ratio_framework} | ≥ 0.7 |
| p99 at (a)'s peak, ms | ${s.p99_ms_bare} | — |
| (e) tokens/s, events function bare | ${s.tokens_per_s} | — |
| e / a | ${s.ratio_tokens_ballots} | ≥ 0.5 |
| p50 / p99 at (e)'s peak, ms | ${s.p50_ms_tokens} / ${s.p99_ms_tokens} | — |
| errors (a, b, e) | ${s.errors} | 0 |
| lost / double-counted ballots | ${s.lost} / ${s.double_counted} | 0 / 0 |

![latency against throughput](latency-throughput.png)

What limits each figure, and what was removed to get here: [ANALYSIS.md](ANALYSIS.md).

Every point:

| target | connections | per s | p50 ms | p95 ms | p99 ms | errors | ballots / lost / double / unacknowledged |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

"Unacknowledged" ballots were cast when the load generator stopped, before it
read the answer: they are counted, and a client's retry would get 200 with the
same receipt. Lost = acknowledged but not in the database; double = a receipt
or token counted twice. For (e): lost = a token answer other than 200, and
the third figure is the rows naming a member or an event of the vote written
during the run (a token request writes nothing, so it is 0).
`;
}
