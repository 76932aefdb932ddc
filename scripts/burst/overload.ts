/**
 * `npm run burst -- --overload [--factor F] [--seconds S]`: a burst several
 * times what the sync path sustains, against two elections of the running
 * local stack side by side, one `sync` and one `auto` (each election's own
 * mode). Start the stack with a small pool to make it an overload here:
 *   EKKLESIA_ELECTIONS_POOL_MAX=1 EKKLESIA_ELECTIONS_PIPELINE_DEPTH=1 npm start
 * First it measures what the sync path sustains: a closed loop of ballots,
 * 8 in flight, on a sync election (no 503 expected). Then, for each mode,
 * voters arrive open-loop at F (default 4) times that rate for S (default 4)
 * seconds; each voter's client retries 423/503 and a reset connection after
 * the answer's Retry-After with jitter, up to 10 attempts (withRetry, as the
 * API asks of a client). For each election it reports
 * failures after retry, p50/p99 of the acknowledgement (201, 200 or 202),
 * how long until the last queued ballot was counted, and, after the seal,
 * lost and double-counted ballots. Ends with one JSON line.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { localClient, pool, withRetry } from '../../local/stack/localClient.js';
import { verifyTracker } from '../../shared/common/crypto/index.js';
import type { Tracker } from '../../schemas/api.js';
import { overloadOrg, type OverloadOrg } from './overloadOrg.js';
import { openLoop } from './openLoop.js';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at > 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
};
const calibrationBallots = 600;
const calibrationInFlight = 8;
const maxVoters = 8000; // a bound on the machine's time (tokens are issued first)

type Vote = { status: number; receipt: string; ms: number; attempts: number; unanswered: number };

/** Runs the scenario; the exit code: 0 when auto lost nothing and no voter failed. */
export async function runOverload(): Promise<number> {
  const factor = arg('factor', 4);
  const seconds = arg('seconds', 4);
  const api = await localClient();
  const org = await overloadOrg(api);

  // What the sync path sustains: ballots/s with a few in flight and no 503.
  const calibration = await org.election('sync', calibrationBallots);
  const calStarted = performance.now();
  const calVotes = await pool(calibration.tokens, calibrationInFlight, (t) => cast(org, calibration.id, t));
  const sustained = calibrationBallots / ((performance.now() - calStarted) / 1000);
  const cal503 = calVotes.reduce((n, v) => n + v.attempts - 1, 0);
  await org.close(calibration.id);
  const rate = sustained * factor;
  const voters = Math.min(maxVoters, Math.ceil(rate * seconds));
  console.error(
    `sync sustains ${Math.round(sustained)} ballots/s (${calibrationInFlight} in flight, ${cal503} retries); ` +
      `offering ${Math.round(rate)}/s (${factor}×) for ${Math.round((voters / rate) * 10) / 10} s: ${voters} voters per election`,
  );

  const results = [];
  for (const mode of ['sync', 'auto'] as const) {
    const election = await org.election(mode, voters);
    const {
      results: votes,
      offeredS,
      answeredS,
    } = await openLoop(election.tokens, rate, (t) => cast(org, election.id, t));
    const burstEnded = performance.now();
    const acked = votes.filter((v) => v.status === 201 || v.status === 200 || v.status === 202);
    const queued = votes.filter((v) => v.status === 202);
    const waiting = await untilCounted(org, election.id, queued, 60_000);
    const drainedMs = performance.now() - burstEnded;
    const closed = await org.close(election.id);
    const tracker = await org.tracker(election.id);
    results.push(summary(mode, votes, acked, queued, { offeredS, answeredS, drainedMs, waiting, closed, tracker }));
    const r = results.at(-1)!;
    console.error(
      `${mode.padEnd(4)}: ${r.acknowledged}/${voters} acknowledged (${r.queued} queued), ${r.failed_after_retry} failed after retry, ` +
        `${r.retries} retries (${r.unanswered} without an answer); ack p50 ${r.ack_p50_ms} ms, p99 ${r.ack_p99_ms} ms; arrivals over ${r.arrivals_s} s, all answered after ${r.answered_s} s` +
        (r.queued ? `, last queued ballot counted ${r.last_queued_counted_after_s} s after` : '') +
        `; sealed ${r.counted}, lost ${r.lost}, double ${r.double_counted}`,
    );
  }
  console.log(JSON.stringify({ overload: { sustained_per_s: Math.round(sustained), factor, voters, results } }));
  const auto = results.find((r) => r.mode === 'auto')!;
  return auto.failed_after_retry === 0 && auto.lost === 0 && auto.double_counted === 0 && auto.still_queued === 0
    ? 0
    : 1;
}

async function cast(org: OverloadOrg, electionId: string, t: { token: string; receipt: string }): Promise<Vote> {
  const sent = performance.now();
  const res = await withRetry(
    () =>
      org.api.call('POST', `${org.api.elections}/v1/elections/${electionId}/ballots`, t.token, { choices: ['yes'] }),
    10,
  );
  const { status, attempts, unanswered } = res;
  return { status, receipt: t.receipt, ms: performance.now() - sent, attempts, unanswered };
}

/** Polls the receipts of queued ballots until each reads counted, or the deadline. */
async function untilCounted(org: OverloadOrg, electionId: string, queued: Vote[], withinMs: number) {
  const deadline = performance.now() + withinMs;
  let waiting = queued.map((v) => v.receipt);
  while (waiting.length && performance.now() < deadline) {
    const still = await pool(waiting, 32, async (receipt) => {
      const res = await org.api.call<{ status: string }>(
        'GET',
        `${org.api.elections}/v1/elections/${electionId}/receipts/${receipt}`,
      );
      return res.status === 200 && res.body.status === 'counted' ? undefined : receipt;
    });
    waiting = still.filter((r): r is string => r !== undefined);
    if (waiting.length) await delay(250);
  }
  return waiting;
}

function summary(
  mode: string,
  votes: Vote[],
  acked: Vote[],
  queued: Vote[],
  at: { offeredS: number; answeredS: number; drainedMs: number; waiting: string[]; closed: number; tracker: Tracker },
) {
  const ms = acked.map((v) => v.ms).sort((a, b) => a - b);
  const pct = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? NaN);
  const inTracker = new Set(at.tracker.ballots.map((b) => b.receipt));
  const tenths = (s: number) => Math.round(s * 10) / 10;
  return {
    mode,
    voters: votes.length,
    failed_after_retry: votes.length - acked.length,
    acknowledged: acked.length,
    queued: queued.length,
    retries: votes.reduce((n, v) => n + v.attempts - 1, 0),
    unanswered: votes.reduce((n, v) => n + v.unanswered, 0),
    ack_p50_ms: pct(50),
    ack_p99_ms: pct(99),
    arrivals_s: tenths(at.offeredS),
    answered_s: tenths(at.answeredS),
    last_queued_counted_after_s: queued.length ? tenths(at.drainedMs / 1000) : 0,
    still_queued: at.waiting.length,
    counted: at.closed,
    lost: [...new Set(acked.map((v) => v.receipt))].filter((r) => !inTracker.has(r)).length,
    double_counted: at.tracker.ballots.length - inTracker.size,
    tracker_verifies: verifyTracker(at.tracker).ok,
  };
}
