/**
 * `npm run burst`: the seed's burst scenario with Artillery against the
 * running local stack (npm start), then a lock-conflict scenario, then the
 * check that every ballot that got a 2xx is counted. Artillery lives in its
 * own package under artillery/ and is installed here on first use, offline
 * safe (no browser download, no telemetry). Ends with one JSON line:
 * {"p95_ms", "p99_ms", "errors", "ballots", "rate_per_s"}.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localClient, pool } from '../local/localClient.js';
import { childEnv } from '../local/config.js';
import { verifyTracker } from '../shared/common/crypto/index.js';
import type { TokenResponse, Tracker } from '../schemas/api.js';

const dir = fileURLToPath(new URL('../artillery/', import.meta.url));
const work = path.join(dir, 'work');
const burstVoters = 1000; // 300 in the first second, then 175/s for 4 s
const conflictTokens = 10;
const perConflictToken = 40;
const options = ['yes', 'no', 'abstain'];

const api = await localClient();
if (
  !(await fetch(`${api.elections}/healthz`).then(
    (r) => r.ok,
    () => false,
  ))
) {
  console.error(`the local stack is not answering at ${api.elections}: run npm start first`);
  process.exit(1);
}
installArtillery();
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// Voters, tokens and an open election, prepared through the API.
const org = `burst-${randomBytes(3).toString('hex')}`;
const chair = await api.jwt('chair');
const must = <T>(res: { status: number; body: T }, what: string): T => {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
must(
  await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, { id: org, name: 'Burst test', admins: ['chair'] }),
  'org',
);
const members = Array.from({ length: burstVoters + conflictTokens }, (_, i) => `voter-${i}`);
for (let i = 0; i < members.length; i += 500) {
  const batch = members.slice(i, i + 500).map((subject) => ({ subject, role: 'member', status: 'active' }));
  must(await api.call('PUT', `${api.events}/v1/orgs/${org}/members`, chair, { members: batch }), 'roster');
}
const { id: electionId } = must(
  await api.call<{ id: string }>('POST', `${api.events}/v1/orgs/${org}/elections`, chair, {
    title: 'Burst',
    kind: 'yes_no_abstain',
  }),
  'election',
);
const tokens = await pool(members, 16, async (subject) =>
  must(
    await api.call<TokenResponse>(
      'POST',
      `${api.events}/v1/orgs/${org}/elections/${electionId}/token`,
      await api.jwt(subject),
    ),
    'token',
  ),
);
must(await api.call('POST', `${api.events}/v1/orgs/${org}/elections/${electionId}/open`, chair, {}), 'open');

const burst = tokens.slice(0, burstVoters).map((t, i) => ({ ...t, choice: options[i % 3]! }));
const conflict = tokens.slice(burstVoters).map((t, i) => ({ ...t, choice: options[i % 3]! }));
writeFileSync(path.join(work, 'tokens.csv'), burst.map((t) => `${t.token},${t.choice}`).join('\n') + '\n');
writeFileSync(
  path.join(work, 'conflict.csv'),
  conflict.flatMap((t) => Array(perConflictToken).fill(`${t.token},${t.choice}`)).join('\n') + '\n',
);

const burstRun = await runArtillery('burst.yml', 'burst');
const conflictRun = await runArtillery('conflict.yml', 'conflict');

// Close, seal, and hold the answers against the tracker.
const closed = must(
  await api.call<{ results: { ballotsCast: number } }>(
    'POST',
    `${api.events}/v1/orgs/${org}/elections/${electionId}/close`,
    chair,
  ),
  'close',
);
const tracker = must(await api.call<Tracker>('GET', `${api.elections}/v1/elections/${electionId}/tracker`), 'tracker');
const inTracker = new Map(tracker.ballots.map((b) => [b.receipt, b.choices.join(',')]));
const acks = [...burstRun.acks, ...conflictRun.acks];
const missing = acks.filter((a) => inTracker.get(a.receipt) !== a.choice);
const acknowledged = new Set(acks.map((a) => a.receipt));
const unacknowledged = tracker.ballots.filter((b) => !acknowledged.has(b.receipt)).length;
const conflictReceipts = new Set(conflictRun.acks.map((a) => a.receipt));
const conflictOk =
  conflictReceipts.size === conflictTokens &&
  conflictRun.acks.length === conflictTokens * perConflictToken &&
  conflictRun.acks.every((a) => a.receipt === conflict.find((t) => t.token === a.token)?.receipt);

const times = burstRun.acks.map((a) => a.at);
const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
const errors = burstRun.errors + conflictRun.errors;
// Artillery's ensure checks these too (exit code); checked here as well so the verdict never rests on a plugin.
const thresholdsMet = burstRun.p95 < 300 && burstRun.p99 < 25;
console.error(
  `burst: ${burstRun.acks.length}/${burstVoters} acknowledged, retries ${burstRun.retried}, gave up ${burstRun.gaveUp}, other failures ${burstRun.failed}; ` +
    `p50 ${burstRun.p50} ms, p95 ${burstRun.p95} ms, p99 ${burstRun.p99} ms, max ${burstRun.max} ms; thresholds (p95 < 300, p99 < 25) ${burstRun.ensured && thresholdsMet ? 'met' : 'NOT met'}`,
);
console.error(
  `conflict: ${conflictRun.acks.length}/${conflictTokens * perConflictToken} answers 2xx (${conflictRun.retried} retries after 423), ` +
    `${conflictReceipts.size} ballots for ${conflictTokens} tokens, receipts ${conflictOk ? 'all correct' : 'WRONG'}`,
);
console.error(
  `sealed: ${closed.results.ballotsCast} ballots; tracker verifies: ${verifyTracker(tracker).ok}; acknowledged but missing or altered: ${missing.length}; ` +
    `counted without an acknowledgement: ${unacknowledged}`,
);
const ok =
  burstRun.ensured &&
  conflictRun.ensured &&
  thresholdsMet &&
  errors === 0 &&
  missing.length === 0 &&
  conflictOk &&
  verifyTracker(tracker).ok &&
  closed.results.ballotsCast === acknowledged.size;
console.log(
  JSON.stringify({
    p95_ms: burstRun.p95,
    p99_ms: burstRun.p99,
    errors,
    ballots: closed.results.ballotsCast,
    rate_per_s: Math.round(burstRun.acks.length / spanS),
  }),
);
process.exit(ok ? 0 : 1);

type Ack = { token: string; receipt: string; choice: string; status: number; at: number };

/** Runs one Artillery scenario (asynchronously: a blocked event loop would strand our keep-alive sockets). */
async function runArtillery(config: string, name: string) {
  const ackFile = path.join(work, `${name}-acks.jsonl`);
  const report = path.join(work, `${name}-report.json`);
  const child = spawn(
    path.join(dir, 'node_modules', '.bin', 'artillery'),
    [
      'run',
      config,
      '--target',
      api.elections,
      '--variables',
      JSON.stringify({ electionId }),
      '--output',
      report,
      '--quiet',
    ],
    {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: childEnv({ ARTILLERY_DISABLE_TELEMETRY: 'true', BURST_ACK_FILE: ackFile }),
    },
  );
  const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const { aggregate } = JSON.parse(readFileSync(report, 'utf8')) as {
    aggregate: {
      counters: Record<string, number>;
      summaries: Record<string, { p50: number; p95: number; p99: number; max: number }>;
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
  };
}

function installArtillery(): void {
  if (existsSync(path.join(dir, 'node_modules', '.bin', 'artillery'))) return;
  console.error('installing Artillery into artillery/ (first run only)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    stdio: 'inherit',
    // Offline-safe: Playwright (an Artillery dependency) must not download a browser.
    env: childEnv({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }),
  });
}
