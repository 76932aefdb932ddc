/**
 * `npm run burst -- --overload`: more ballots at once than the elections
 * function's pool takes, against two elections of the running local stack
 * side by side, one `sync` and one `auto` (each election's own mode). Start
 * the stack with a small pool to make it an overload on this machine:
 *   EKKLESIA_ELECTIONS_POOL_MAX=1 EKKLESIA_ELECTIONS_PIPELINE_DEPTH=1 npm start
 * Each voter's client sends its ballot and retries 423/503 with full jitter
 * (up to 10 attempts, as the README's client does); for each election it
 * reports failures after retry, p50/p99 of the acknowledgement (201, 200 or
 * 202), how long until the last queued ballot was counted, and, after the
 * seal, lost and double-counted ballots. Ends with one JSON line.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { localClient, pool, withRetry } from '../../local/localClient.js';
import { verifyTracker } from '../../shared/common/crypto/index.js';
import type { TokenResponse, Tracker } from '../../schemas/api.js';

const voters = 1000;
const concurrency = 250;

/** Runs the scenario; the exit code: 0 when auto lost nothing and no voter failed. */
export async function runOverload(): Promise<number> {
  const api = await localClient();
  const chair = await api.jwt('chair');
  const must = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  const org = `overload-${randomBytes(3).toString('hex')}`;
  must(
    await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, { id: org, name: 'Overload', admins: ['chair'] }),
    'org',
  );
  const members = Array.from({ length: voters }, (_, i) => `voter-${i}`);
  for (let i = 0; i < members.length; i += 500) {
    const batch = members.slice(i, i + 500).map((subject) => ({ subject, role: 'member', status: 'active' }));
    must(await api.call('PUT', `${api.events}/v1/orgs/${org}/members`, chair, { members: batch }), 'roster');
  }

  const results = [];
  for (const mode of ['sync', 'auto'] as const) {
    const { id } = must(
      await api.call<{ id: string }>('POST', `${api.events}/v1/orgs/${org}/elections`, chair, {
        title: `Overload, ${mode}`,
        kind: 'yes_no_abstain',
        ballotMode: mode,
      }),
      'election',
    );
    must(await api.call('POST', `${api.events}/v1/orgs/${org}/elections/${id}/open`, chair, {}), 'open');
    const tokens = await pool(members, 32, async (subject) =>
      must(
        await api.call<TokenResponse>(
          'POST',
          `${api.events}/v1/orgs/${org}/elections/${id}/token`,
          await api.jwt(subject),
        ),
        'token',
      ),
    );

    const started = performance.now();
    const votes = await pool(tokens, concurrency, async ({ token, receipt }) => {
      const sent = performance.now();
      const res = await withRetry(
        () => api.call('POST', `${api.elections}/v1/elections/${id}/ballots`, token, { choices: ['yes'] }),
        10,
      );
      return { status: res.status, receipt, ms: performance.now() - sent, attempts: res.attempts };
    });
    const burstEnded = performance.now();
    const acked = votes.filter((v) => v.status === 201 || v.status === 200 || v.status === 202);
    const queued = votes.filter((v) => v.status === 202);
    // Until every queued receipt reads counted (the queue's smoothing), within a minute.
    let waiting = queued.map((v) => v.receipt);
    while (waiting.length && performance.now() - burstEnded < 60_000) {
      const still = await pool(waiting, 32, async (receipt) => {
        const res = await api.call<{ status: string }>(
          'GET',
          `${api.elections}/v1/elections/${id}/receipts/${receipt}`,
        );
        return res.status === 200 && res.body.status === 'counted' ? undefined : receipt;
      });
      waiting = still.filter((r): r is string => r !== undefined);
      if (waiting.length) await delay(250);
    }
    const drainedMs = performance.now() - burstEnded;

    const closed = must(
      await api.call<{ results: { ballotsCast: number } }>(
        'POST',
        `${api.events}/v1/orgs/${org}/elections/${id}/close`,
        chair,
      ),
      'close',
    );
    const tracker = must(await api.call<Tracker>('GET', `${api.elections}/v1/elections/${id}/tracker`), 'tracker');
    const inTracker = new Set(tracker.ballots.map((b) => b.receipt));
    const ackedReceipts = new Set(acked.map((v) => v.receipt));
    const ms = acked.map((v) => v.ms).sort((a, b) => a - b);
    const pct = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? NaN);
    const result = {
      mode,
      voters,
      failed_after_retry: votes.length - acked.length,
      acknowledged: acked.length,
      queued: queued.length,
      retries: votes.reduce((n, v) => n + v.attempts - 1, 0),
      ack_p50_ms: pct(50),
      ack_p99_ms: pct(99),
      burst_s: Math.round((burstEnded - started) / 100) / 10,
      last_queued_counted_after_s: queued.length ? Math.round(drainedMs / 100) / 10 : 0,
      still_queued: waiting.length,
      counted: closed.results.ballotsCast,
      lost: [...ackedReceipts].filter((r) => !inTracker.has(r)).length,
      double_counted: tracker.ballots.length - new Set(tracker.ballots.map((b) => b.receipt)).size,
      tracker_verifies: verifyTracker(tracker).ok,
    };
    results.push(result);
    console.error(
      `${mode.padEnd(4)}: ${result.acknowledged}/${voters} acknowledged (${result.queued} queued), ${result.failed_after_retry} failed after retry, ` +
        `${result.retries} retries; ack p50 ${result.ack_p50_ms} ms, p99 ${result.ack_p99_ms} ms; burst ${result.burst_s} s` +
        (result.queued ? `, last queued ballot counted ${result.last_queued_counted_after_s} s after it` : '') +
        `; sealed ${result.counted}, lost ${result.lost}, double ${result.double_counted}`,
    );
  }
  console.log(JSON.stringify({ overload: results }));
  const auto = results.find((r) => r.mode === 'auto')!;
  process.exit(
    auto.failed_after_retry === 0 && auto.lost === 0 && auto.double_counted === 0 && auto.still_queued === 0 ? 0 : 1,
  );
}
