/**
 * `npm run bench`: peak cast throughput, in one run, on this machine:
 *  (a) the elections Hono app served bare (@hono/node-server),
 *  (b) the same app on functions-framework (its deploy shape),
 *  (c) functions-framework serving a trivial JSON handler,
 *  (d) pgbench running the same cast statement against the same database,
 *      at the app's own pool size (4 connections) and beyond, so a/d compares
 *      equal connection counts as well as the app against pgbench's best,
 *  (e) voting tokens from the events function served bare, the first half of
 *      a voter's burst: one member per request with a pre-minted ES256 JWT,
 *      a fresh election per point, the elections function, KMS stand-in and
 *      Pub/Sub emulator beside it (scripts/bench/tokenStack.ts).
 * Each is measured at several connection counts (wrk; pgbench clients), each
 * cast run on its own election with fresh tokens, and checked afterwards:
 * ballots in the database = acknowledged answers, no token used twice; a
 * token run writes no row that names a member or an event of the vote.
 * Writes bench/REPORT.md, bench/results.json and bench/latency-throughput.png;
 * ends with one JSON line. `--only bare,tokens` measures some of them and
 * prints their figures without writing the report (for comparing a change).
 *   npm run bench [-- --seconds 6] [-- --only bare,framework,tokens,trivial,pgbench]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { urlFor, findPgBinDir } from '../local/processes/postgres.js';
import { memberWrites, nextXid, prepareElection, tallyOf } from './bench/prepare.js';
import { startTokenStack } from './bench/tokenStack.js';
import { startBenchDatabase } from './bench/benchDatabase.js';
import { ensureWrk, pgbench, wrk, type Measure } from './bench/loadgen.js';
import { startTarget } from './bench/target.js';
import { writeChart } from './bench/chart.js';
import { writeReport, type Run, type Summary } from './bench/report.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    only: { type: 'string' },
    // (e) on an assembly's roster: weights, a fifth of the members by proxy, weighted elections (tokenStack.ts).
    assembly: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const allTargets = ['bare', 'framework', 'tokens', 'trivial', 'pgbench'] as const;
const only = values.only?.split(',');
const measured = (target: (typeof allTargets)[number]) => !only || only.includes(target);
/**
 * Members of the token runs' org: more than the fastest point asks for (a thread out of members sends a JWT that
 * is no JWT, and counts a 401: at 4,000 members a second the last run found 3,930 a second and ran out).
 */
const tokenMembers = Math.max(20_000, 8000 * seconds);
const httpLevels = [8, 32, 64];
/** The elections function's pool per instance (its default, DB_POOL_MAX): pgbench is measured at it too. */
const appPool = 4;
const pgbenchLevels = [appPool, 16, 32];
const tokensPerRun = 80_000;
const outDir = fileURLToPath(new URL('../bench', import.meta.url));

ensureWrk();
const { scratch, pg, admin, stop } = await startBenchDatabase('bench', {
  durable: true,
  poolMax: 2,
  statementTimeoutMs: 600_000,
});
try {
  const env = {
    // Over the Unix socket, as a Cloud Run service reaches Cloud SQL; pgbench below does the same.
    DATABASE_URL: urlFor(pg.url, 'bench', 'ekklesia_ballot_box', pg.socketDir),
    S2S_KEYS: `bench:${'b'.repeat(43)}`,
    LOG_LEVEL: 'info',
    DB_POOL_MAX: String(appPool),
    METADATA_SERVER_DETECTION: 'none',
    // As deployed (infra/ sets the web app's origin): the voter API's CORS runs on every cast.
    CORS_ORIGINS: 'https://vote.example.org',
  };
  const runs: Run[] = [];

  for (const [target, serve] of [
    ['bare', 'bare'],
    ['framework', 'framework'],
  ] as const) {
    if (!measured(target)) continue;
    const app = await startTarget('elections', { ...env, EKKLESIA_SERVE: serve });
    try {
      const warm = await prepareElection(admin, 20_000, path.join(scratch, 'tokens.txt'));
      await wrk(app.url, 'cast', 32, 2, [warm.tokensFile, warm.electionId]);
      for (const connections of httpLevels) {
        const fixture = await prepareElection(admin, tokensPerRun, path.join(scratch, 'tokens.txt'));
        const measure = await wrk(app.url, 'cast', connections, seconds, [fixture.tokensFile, fixture.electionId]);
        runs.push({ target, measure, tally: await tallyOf(admin, fixture.electionId) });
        log(target, measure);
      }
    } finally {
      await app.stop();
    }
  }

  if (measured('tokens')) {
    // An assembly's delegators ask for no token: a roster a fifth larger keeps as many askers as the plain one.
    const members = values.assembly ? Math.ceil(tokenMembers / 0.8) : tokenMembers;
    const stack = await startTokenStack(pg, 'bench', scratch, members, {}, values.assembly);
    try {
      await wrk(stack.events, 'token', 32, 2, [stack.jwtsFile, stack.org, await stack.openElection()]);
      for (const connections of httpLevels) {
        const electionId = await stack.openElection();
        const before = { xid: await nextXid(admin), at: new Date() };
        const measure = await wrk(stack.events, 'token', connections, seconds, [stack.jwtsFile, stack.org, electionId]);
        runs.push({ target: 'tokens', measure, writes: await memberWrites(admin, before) });
        log('tokens', measure);
      }
    } finally {
      await stack.stop();
    }
  }

  const trivial = measured('trivial') ? await startTarget('trivial', {}) : undefined;
  if (trivial)
    try {
      await wrk(trivial.url, 'trivial', 32, 2);
      for (const connections of httpLevels) {
        const measure = await wrk(trivial.url, 'trivial', connections, seconds);
        runs.push({ target: 'trivial', measure });
        log('trivial', measure);
      }
    } finally {
      await trivial.stop();
    }

  const binDir = findPgBinDir();
  for (const [i, clients] of measured('pgbench') ? pgbenchLevels.entries() : []) {
    const electionId = crypto.randomUUID();
    const perClient = Math.ceil((12_000 * seconds) / clients);
    await admin`insert into ballot_box.elections (org_id, id, kind, option_ids, max_choices, status)
                values ('bench', ${electionId}, 'yes_no_abstain', ${['yes', 'no', 'abstain']}::text[], 1, 'open')`;
    await admin`insert into ballot_box.tokens (token_hash, org_id, election_id)
                select sha256(('tok' || 'bench-' || ${i} || '-' || c || '-' || n)::bytea), 'bench', ${electionId}
                from generate_series(0, ${clients - 1}) c, generate_series(1, ${perClient}) n`;
    await admin`analyze ballot_box.tokens`;
    const url = new URL(pg.url);
    const measure = await pgbench(
      binDir,
      { host: pg.socketDir, port: url.port, user: 'ekklesia_ballot_box', database: 'bench' },
      clients,
      seconds,
      { n: '0', run: String(i), election: electionId },
      scratch,
    );
    runs.push({ target: 'pgbench', measure, tally: await tallyOf(admin, electionId) });
    log('pgbench', measure);
  }

  if (only) {
    console.log(
      JSON.stringify(
        runs.map((r) => ({ target: r.target, ...r.measure, ...(r.writes === undefined ? {} : { writes: r.writes }) })),
      ),
    );
  } else {
    const [version] = await admin<{ version: string }[]>`select version()`;
    mkdirSync(outDir, { recursive: true });
    const summary: Summary = writeReport(outDir, runs, { seconds, postgres: version!.version, appPool });
    writeChart(
      path.join(outDir, 'latency-throughput.png'),
      'Ekklesia ballots and tokens: latency against throughput (one run)',
      [
        { name: '(a) bare Hono', colour: '#1f77b4', points: pick(runs, 'bare') },
        { name: '(b) functions-framework', colour: '#ff7f0e', points: pick(runs, 'framework') },
        { name: '(c) framework, trivial', colour: '#2ca02c', points: pick(runs, 'trivial') },
        { name: '(d) pgbench', colour: '#d62728', points: pick(runs, 'pgbench') },
        { name: '(e) tokens, bare', colour: '#9467bd', points: pick(runs, 'tokens') },
      ],
    );
    console.log(JSON.stringify(summary));
  }
} finally {
  await stop();
}

function pick(runs: Run[], target: Run['target']): Measure[] {
  return runs.filter((r) => r.target === target).map((r) => r.measure);
}

function log(target: string, m: Measure): void {
  console.error(
    `${target.padEnd(9)} c=${String(m.connections).padStart(3)}  ${Math.round(m.perSecond).toString().padStart(6)}/s  p50 ${m.p50Ms.toFixed(2)} ms  p99 ${m.p99Ms.toFixed(2)} ms  errors ${m.errors}`,
  );
}
