/**
 * `npm run burst -- --at-once [N]`: N (default 200) voters of a `queue`
 * election send their ballots in the same instant, once each, no retry:
 * how many the first answer acknowledges (202) and how many it refuses
 * (503 overloaded, with which Retry-After). Afterwards the refused retry as
 * told, the election is closed, and every acknowledged ballot must be in
 * the tracker. Runs against the local stack (npm start). Ends with one
 * JSON line.
 */
import { localClient, withRetry } from '../../local/stack/localClient.js';
import { overloadOrg } from './overloadOrg.js';

export async function runAtOnce(voters: number): Promise<number> {
  const api = await localClient();
  const org = await overloadOrg(api);
  const election = await org.election('queue', voters);
  const url = `${api.elections}/v1/elections/${election.id}/ballots`;
  const cast = (token: string) => api.call<{ status: string }>('POST', url, token, { choices: ['yes'] });
  const first = await Promise.all(election.tokens.map((t) => cast(t.token)));
  const statuses: Record<number, number> = {};
  const retryAfter: Record<string, number> = {};
  for (const res of first) {
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status === 503) retryAfter[String(res.retryAfterS)] = (retryAfter[String(res.retryAfterS)] ?? 0) + 1;
  }
  // The refused come back as told; then every acknowledged ballot must be sealed.
  const again = await Promise.all(
    election.tokens.map((t, i) => (first[i]!.status === 503 ? withRetry(() => cast(t.token), 10) : first[i]!)),
  );
  const acked = again.filter((r) => r.status === 202 || r.status === 201 || r.status === 200).length;
  const sealed = await org.close(election.id);
  const accepted = (statuses[202] ?? 0) + (statuses[201] ?? 0);
  const report = {
    at_once: voters,
    first_try_accepted: accepted,
    first_try_acceptance: Math.round((accepted / voters) * 1000) / 1000,
    first_answers: statuses,
    retry_after_s: retryAfter,
    acknowledged_after_retry: acked,
    sealed,
  };
  console.error(
    `${voters} ballots at once (queue): ${accepted} accepted at the first try, first answers ${JSON.stringify(statuses)}, ` +
      `Retry-After of the refused ${JSON.stringify(retryAfter)}; after retrying ${acked} acknowledged, ${sealed} sealed`,
  );
  console.log(JSON.stringify(report));
  return sealed === acked && acked === voters ? 0 : 1;
}
