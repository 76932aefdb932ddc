/**
 * `npm run profile:cast [-- --seconds 6 --connections 32 --serve bare]`: where a cast spends the elections
 * function's CPU. Starts the function (bare or framework) under `--cpu-prof` on a fresh bench database, drives it
 * with wrk's cast script at one connection count, stops it (the profile is written at exit), and prints the
 * self time of the heaviest functions and of each package or source folder, as shares of the sampled time. The
 * profile itself (`.cpuprofile`, for Chrome's DevTools or speedscope as a flame graph) is kept in the folder the
 * last line names.
 */
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { urlFor } from '../local/processes/postgres.js';
import { startBenchDatabase } from './bench/benchDatabase.js';
import { prepareElection, tallyOf } from './bench/prepare.js';
import { ensureWrk, wrk } from './bench/loadgen.js';
import { startTarget } from './bench/target.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    connections: { type: 'string', default: '32' },
    serve: { type: 'string', default: 'bare' },
    top: { type: 'string', default: '25' },
  },
});
ensureWrk();
const profiles = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-profile-'));
const db = await startBenchDatabase('bench', { durable: true, poolMax: 2, statementTimeoutMs: 600_000 });
try {
  const app = await startTarget('elections', {
    DATABASE_URL: urlFor(db.pg.url, 'bench', 'ekklesia_ballot_box', db.pg.socketDir),
    S2S_KEYS: `bench:${'b'.repeat(43)}`,
    LOG_LEVEL: 'info',
    DB_POOL_MAX: '4',
    METADATA_SERVER_DETECTION: 'none',
    CORS_ORIGINS: 'https://vote.example.org', // as deployed: the voter API's CORS runs on every cast
    EKKLESIA_SERVE: values.serve!,
    NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profiles}`,
  });
  try {
    const warm = await prepareElection(db.admin, 20_000, path.join(profiles, 'warm.txt'));
    await wrk(app.url, 'cast', 32, 2, [warm.tokensFile, warm.electionId]);
    const fixture = await prepareElection(db.admin, 80_000, path.join(profiles, 'tokens.txt'));
    const measure = await wrk(app.url, 'cast', Number(values.connections), Number(values.seconds), [
      fixture.tokensFile,
      fixture.electionId,
    ]);
    const tally = await tallyOf(db.admin, fixture.electionId);
    console.log(
      `${values.serve} at ${values.connections} connections: ${Math.round(measure.perSecond)} ballots/s, ` +
        `p99 ${measure.p99Ms.toFixed(1)} ms, ${tally.ballots} ballots stored`,
    );
  } finally {
    await app.stop();
  }
} finally {
  await db.stop();
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };
// Every process the function started wrote one (tsx's loader too): read the largest.
const file = readdirSync(profiles)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(profiles, f))
  .sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const place = (url: string) => {
  if (!url) return '(native or idle)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return url;
  const ours = /\/work\/[^/]+\/(.*)\/[^/]+$/.exec(url.replace('file://', ''));
  return ours ? ours[1]! : url;
};
const add = (m: Map<string, number>, k: string, t: number) => m.set(k, (m.get(k) ?? 0) + t);
const functions = new Map<string, number>();
const places = new Map<string, number>();
for (const [id, t] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  add(functions, `${functionName || '(anonymous)'} ${place(url)}:${lineNumber + 1}`, t);
  add(places, place(url), t);
}
const share = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, t]) => `  ${share(t)}  ${k}`)
    .join('\n');
console.log(`self time by place:\n${top(places, 20)}\n\nheaviest functions:\n${top(functions, Number(values.top))}`);
console.log(`profile: ${file}`);
