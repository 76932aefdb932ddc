/**
 * `npm run burst -- --assembly N [--window S] [--weighted]`: the assembly
 * the product exists for, against the running local stack (npm start, in
 * either serving mode). The chair opens the vote; N members arrive spread
 * evenly over S seconds (default 5), and each asks for their token, then
 * casts, retrying as the API asks (423, 503, Retry-After, no answer: the
 * client's withRetry). `--weighted`: a delegate conference's roster
 * (scripts/bench/assemblyRoster.ts: weights 1 to 499, a fifth by proxy), a
 * weighted election, and each arriving member casts their own bundle and
 * every delegator's in one batch; the delegators do not arrive. Prints how
 * long from the first arrival to the last acknowledgement, each voter's
 * time (token and ballot, retries included) at p50/p95/p99, retries and
 * failures; then closes and checks the tracker: every acknowledged receipt
 * in it, once, the root verifying, and (weighted) the units and members
 * counted equal to the weights and members represented. One JSON line.
 */
import { randomBytes } from 'node:crypto';
import { localClient, pool, withRetry } from '../../local/stack/localClient.js';
import { verifyTracker } from '../../shared/common/crypto/index.js';
import type { CloseElectionResponse, TokenResponse, Tracker } from '../../schemas/api.js';
import { assemblyRoster } from '../bench/assemblyRoster.js';
import { openLoop } from './openLoop.js';

type Voter = { subject: string; jwt: string; choice: string };
type Outcome = {
  ok: boolean;
  arrived: number;
  ms: number;
  /** Of it, until the token was in hand (its retries included). */
  tokenMs: number;
  /** The ballot was queued (202, the fallback) rather than counted at once. */
  queued: boolean;
  retries: number;
  /** Of them, the token requests' and the ballots'; and every Retry-After the voter was given (seconds). */
  tokenRetries: number;
  toldS: number[];
  receipts: string[];
  represented: string[];
};

const options = ['yes', 'no', 'abstain'];

export async function runAssembly(members: number, windowS: number, weighted: boolean): Promise<number> {
  const api = await localClient();
  const must = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const chair = await api.jwt('chair');
  const org = `assembly-${randomBytes(3).toString('hex')}`;
  const base = `${api.events}/v1/orgs/${org}`;
  must(
    await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, { id: org, name: 'Assembly', admins: ['chair'] }),
    'org',
  );
  const { roster, askers } = assemblyRoster(members, 'delegate-', weighted);
  for (let i = 0; i < roster.length; i += 500)
    must(await api.call('PUT', `${base}/members`, chair, { members: roster.slice(i, i + 500) }), 'roster');
  const { id } = must(
    await api.call<{ id: string }>('POST', `${base}/elections`, chair, {
      title: 'Assembly',
      kind: 'yes_no_abstain',
      ...(weighted ? { weights: {} } : {}),
    }),
    'election',
  );
  const voters: Voter[] = await pool(askers, 16, async (subject, i) => ({
    subject,
    jwt: await api.jwt(subject),
    choice: options[i % 3]!,
  }));
  must(await api.call('POST', `${base}/elections/${id}/open`, chair, {}), 'open');

  const cpuBefore = process.cpuUsage();
  const run = await openLoop(voters, voters.length / windowS, async (v): Promise<Outcome> => {
    const arrived = performance.now();
    const failed = (retries: number, tokenRetries = retries, toldS: number[] = []): Outcome => ({
      ok: false,
      arrived,
      ms: NaN,
      tokenMs: NaN,
      queued: false,
      retries,
      tokenRetries,
      toldS,
      receipts: [],
      represented: [],
    });
    const token = await withRetry(
      () => api.call<TokenResponse>('POST', `${base}/elections/${id}/token`, v.jwt),
      10,
    ).catch(() => undefined);
    if (token?.status !== 200) return failed((token?.attempts ?? 1) - 1);
    const tokenMs = performance.now() - arrived;
    const mine = [token.body, ...(token.body.proxies ?? [])];
    const tokens = mine.flatMap((m) => (m.tokens ?? [m]).map((t) => t.token));
    const cast = await withRetry(
      () =>
        tokens.length === 1
          ? api.call<{ receipt?: string; ballots?: { receipt: string }[] }>(
              'POST',
              `${api.elections}/v1/elections/${id}/ballots`,
              tokens[0],
              {
                choices: [v.choice],
              },
            )
          : api.call<{ receipt?: string; ballots?: { receipt: string }[] }>(
              'POST',
              `${api.elections}/v1/elections/${id}/ballots/batch`,
              undefined,
              {
                tokens,
                choices: [v.choice],
              },
            ),
      10,
    ).catch(() => undefined);
    const retries = token.attempts - 1 + (cast?.attempts ?? 1) - 1;
    const toldS = [...token.toldS, ...(cast?.toldS ?? [])];
    if (!cast || cast.status >= 300) return failed(retries, token.attempts - 1, toldS);
    const body = cast.body;
    return {
      ok: true,
      arrived,
      ms: performance.now() - arrived,
      tokenMs,
      queued: cast.status === 202,
      retries,
      tokenRetries: token.attempts - 1,
      toldS,
      receipts: body.ballots ? body.ballots.map((b) => b.receipt) : [body.receipt!],
      represented: [v.subject, ...(token.body.proxies ?? []).map((p) => p.subject)],
    };
  });
  const cpu = process.cpuUsage(cpuBefore);
  // From the first arrival to the last acknowledgement.
  const first = Math.min(...run.results.map((o) => o.arrived));
  const lastAckMs = Math.max(...run.results.filter((o) => o.ok).map((o) => o.arrived + o.ms)) - first;
  const acked = run.results.filter((o) => o.ok);

  const closed = must(
    await api.call<CloseElectionResponse>('POST', `${base}/elections/${id}/close`, chair, {}),
    'close',
  );
  const tracker = must(await api.call<Tracker>('GET', `${api.elections}/v1/elections/${id}/tracker`), 'tracker');
  const inTracker = new Set(tracker.ballots.map((b) => b.receipt));
  const receipts = acked.flatMap((o) => o.receipts);
  const represented = new Set(acked.flatMap((o) => o.represented));
  const weightOf = new Map(roster.map((m) => [m.subject, m.weight ?? 1]));
  const unitsExpected = [...represented].reduce((n, s) => n + weightOf.get(s)!, 0);
  const results = closed.results;
  const pctOf = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);
  };
  const pct = pctOf(acked.map((o) => o.ms));
  const tokenPct = pctOf(acked.map((o) => o.tokenMs));
  const counts = {
    lost: receipts.filter((r) => !inTracker.has(r)).length,
    double_counted: tracker.ballots.length - inTracker.size,
    tracker_verifies: verifyTracker(tracker).ok,
    ...(weighted
      ? { units_counted: results.unitsCast ?? 0, units_expected: unitsExpected, voters_counted: results.voters ?? 0 }
      : {}),
  };
  const summary = {
    scenario: weighted ? 'assembly, weighted with proxies' : 'assembly',
    members,
    arriving: voters.length,
    window_s: windowS,
    acknowledged: acked.length,
    failed: voters.length - acked.length,
    members_represented: represented.size,
    retries: run.results.reduce((n, o) => n + o.retries, 0),
    token_retries: run.results.reduce((n, o) => n + o.tokenRetries, 0),
    // The Retry-After the API gave (a client waits it and up to a second more): the tail when voters are refused.
    queued: acked.filter((o) => o.queued).length,
    retry_after_s: spread(run.results.flatMap((o) => o.toldS)),
    last_ack_s: Math.round(lastAckMs) / 1000,
    voter_p50_ms: pct(50),
    voter_p95_ms: pct(95),
    voter_p99_ms: pct(99),
    // Of the voter's time, the token's: the events function's line.
    token_p50_ms: tokenPct(50),
    token_p99_ms: tokenPct(99),
    ballots: tracker.ballots.length,
    // The load generator's own share of the two cores, over the run.
    generator_cores: Math.round(((cpu.user + cpu.system) / 1000 / (run.answeredS * 1000)) * 100) / 100,
    ...counts,
  };
  const ok =
    summary.failed === 0 &&
    counts.lost === 0 &&
    counts.double_counted === 0 &&
    counts.tracker_verifies &&
    tracker.ballots.length === receipts.length &&
    (!weighted || (counts.units_counted === unitsExpected && counts.voters_counted === represented.size));
  console.error(
    `${summary.scenario}: ${acked.length}/${voters.length} arriving members acknowledged (${represented.size} of ${members} represented), ` +
      `the last ${summary.last_ack_s} s after the first arrival (window ${windowS} s); per voter p50 ${summary.voter_p50_ms} ms, ` +
      `p95 ${summary.voter_p95_ms} ms, p99 ${summary.voter_p99_ms} ms; ${summary.retries} retries; tracker ${ok ? 'checks' : 'does NOT check'}`,
  );
  console.log(JSON.stringify(summary));
  return ok ? 0 : 1;
}

/** The median and the largest of some seconds (none: null). */
function spread(seconds: number[]): { p50: number; max: number } | null {
  if (seconds.length === 0) return null;
  const sorted = [...seconds].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
}
