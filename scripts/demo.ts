/**
 * `npm run demo [-- --voters N]` against the running local stack: an org, a
 * roster of N members, a meeting and an election; tokens for everyone; the
 * chair opens; everyone votes at once (retrying 423/503 with jitter); the
 * chair closes; results; and the tracker is fetched and verified.
 *
 * The smoke vote of a deployment (infra/README.md, step 7): `npm run demo --
 * --events URL --elections URL --operator-key-file F --jwts F`, where the
 * JWTs file holds one JWT per line that the deployment's identity provider
 * issued to test accounts (the first account chairs). The same vote, with
 * those accounts as the roster of a new org.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { localClient, pool, remoteClient, withRetry } from '../local/stack/localClient.js';
import { verifyTracker } from '../shared/common/crypto/index.js';
import type { ElectionResults, TokenResponse, Tracker } from '../schemas/api.js';

const { values } = parseArgs({
  options: {
    voters: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '64' },
    events: { type: 'string' },
    elections: { type: 'string' },
    'operator-key-file': { type: 'string' },
    jwts: { type: 'string' },
  },
});
const remote = values.events
  ? remoteClient({
      events: values.events,
      elections: values.elections ?? '',
      operatorKey: readFileSync(values['operator-key-file'] ?? '', 'utf8').trim(),
      jwts: readFileSync(values.jwts ?? '', 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    })
  : undefined;
if (remote && !values.elections) throw new Error('--events needs --elections, --operator-key-file and --jwts');
const api = remote?.client ?? (await localClient());
const voters = remote ? remote.subjects.length : Number(values.voters);
const concurrency = Number(values.concurrency);
const must = <T>(res: { status: number; body: T }, ok: number[], what: string): T => {
  if (!ok.includes(res.status)) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

const org = `demo-${randomBytes(3).toString('hex')}`;
const chairSubject = remote ? remote.subjects[0]! : 'chair';
const chair = await api.jwt(chairSubject);
must(
  await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, {
    id: org,
    name: 'Demo Association',
    admins: [chairSubject],
  }),
  [201],
  'create org',
);
const members = remote?.subjects ?? Array.from({ length: voters }, (_, i) => `member-${i + 1}`);
for (let i = 0; i < members.length; i += 500) {
  // The chair stays an admin of the org (a deployment's chair votes too: the roster is the test accounts).
  const batch = members
    .slice(i, i + 500)
    .map((subject) => ({ subject, role: subject === chairSubject ? 'admin' : 'member', status: 'active' }));
  must(await api.call('PUT', `${api.events}/v1/orgs/${org}/members`, chair, { members: batch }), [200], 'roster');
}
const meeting = must(
  await api.call<{ id: string }>('POST', `${api.events}/v1/orgs/${org}/meetings`, chair, {
    title: 'Annual meeting',
    startsAt: new Date().toISOString(),
    expectedAttendees: voters,
  }),
  [201],
  'meeting',
);
const options = [
  { id: 'ada', label: 'Ada' },
  { id: 'brook', label: 'Brook' },
  { id: 'cyd', label: 'Cyd' },
];
const election = must(
  await api.call<{ id: string }>('POST', `${api.events}/v1/orgs/${org}/elections`, chair, {
    meetingId: meeting.id,
    title: 'Chair of the board',
    kind: 'single',
    options,
  }),
  [201],
  'election',
);
console.log(`org ${org}: ${voters} members, election ${election.id}`);

let started = performance.now();
const tokens = await pool(members, 16, async (subject) =>
  must(
    await api.call<TokenResponse>(
      'POST',
      `${api.events}/v1/orgs/${org}/elections/${election.id}/token`,
      await api.jwt(subject),
    ),
    [200],
    'token',
  ),
);
console.log(`tokens fetched: ${tokens.length} in ${Math.round(performance.now() - started)} ms`);
must(await api.call('POST', `${api.events}/v1/orgs/${org}/elections/${election.id}/open`, chair, {}), [200], 'open');

started = performance.now();
const votes = await pool(tokens, concurrency, async ({ token }, i) => {
  const choice = options[i % options.length]!.id;
  const res = await withRetry(() =>
    api.call<{ receipt: string }>('POST', `${api.elections}/v1/elections/${election.id}/ballots`, token, {
      choices: [choice],
    }),
  );
  return { ...res, choice };
});
const castMs = performance.now() - started;
// 202: queued under the fallback (BALLOT_MODE auto or queue), a promise to count it.
const acknowledged = votes.filter((v) => v.status === 201 || v.status === 200 || v.status === 202);
const queued = votes.filter((v) => v.status === 202).length;
const latencies = votes.map((v) => v.ms).sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
console.log(
  `ballots: ${acknowledged.length}/${votes.length} acknowledged in ${Math.round(castMs)} ms (${Math.round((votes.length / castMs) * 1000)}/s), ` +
    `retries ${votes.reduce((n, v) => n + v.attempts - 1, 0)}, last attempt p50 ${pct(50)} ms p99 ${pct(99)} ms` +
    (queued ? `; ${queued} queued (202)` : ''),
);

const receiptCheck = must(
  await api.call<{ status: string }>(
    'GET',
    `${api.elections}/v1/elections/${election.id}/receipts/${acknowledged[0]!.body.receipt}`,
  ),
  [200],
  'receipt',
);
console.log(`receipt ${acknowledged[0]!.body.receipt}: ${receiptCheck.status}`);

const closed = must(
  await api.call<{ status: string; results: ElectionResults }>(
    'POST',
    `${api.events}/v1/orgs/${org}/elections/${election.id}/close`,
    chair,
  ),
  [200],
  'close',
);
console.log(
  `status ${closed.status}; results: ${closed.results.options.map((o) => `${o.label} ${o.votes}`).join(', ')} (${closed.results.ballotsCast} ballots)`,
);

const tracker = must(
  await api.call<Tracker>('GET', `${api.elections}/v1/elections/${election.id}/tracker`),
  [200],
  'tracker',
);
const verified = verifyTracker(tracker);
const inTracker = new Map(tracker.ballots.map((b) => [b.receipt, b.choices.join(',')]));
const missing = acknowledged.filter((v) => inTracker.get(v.body.receipt) !== v.choice).length;
console.log(
  `tracker: ${tracker.ballots.length} ballots, root ${tracker.root}, verified ${verified.ok}, acknowledged ballots missing or altered: ${missing}`,
);
const ok = verified.ok && missing === 0 && closed.results.ballotsCast === acknowledged.length;
console.log(
  JSON.stringify({
    ok,
    voters,
    acknowledged: acknowledged.length,
    counted: closed.results.ballotsCast,
    root: tracker.root,
  }),
);
process.exit(ok ? 0 : 1);
