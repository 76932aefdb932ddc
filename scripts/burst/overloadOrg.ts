/**
 * The overload scenario's organisation on the running local stack: a roster
 * that grows to the voters asked for, elections opened in a given ballot mode
 * with a token already issued to each voter, and the close and tracker.
 */
import { randomBytes } from 'node:crypto';
import { pool, type LocalClient } from '../../local/stack/localClient.js';
import type { TokenResponse, Tracker } from '../../schemas/api.js';

export type OverloadOrg = Awaited<ReturnType<typeof overloadOrg>>;

export async function overloadOrg(api: LocalClient) {
  const chair = await api.jwt('chair');
  const must = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const org = `overload-${randomBytes(3).toString('hex')}`;
  const base = `${api.events}/v1/orgs/${org}`;
  must(
    await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, { id: org, name: 'Overload', admins: ['chair'] }),
    'org',
  );
  let roster = 0;

  return {
    api,
    /** An open election in `mode` and a token for each of `voters` members. */
    async election(mode: 'sync' | 'auto' | 'queue', voters: number) {
      for (; roster < voters; roster += 500) {
        const members = Array.from({ length: 500 }, (_, i) => ({
          subject: `voter-${roster + i}`,
          role: 'member',
          status: 'active',
        }));
        must(await api.call('PUT', `${base}/members`, chair, { members }), 'roster');
      }
      const { id } = must(
        await api.call<{ id: string }>('POST', `${base}/elections`, chair, {
          title: `Overload, ${mode}`,
          kind: 'yes_no_abstain',
          ballotMode: mode,
        }),
        'election',
      );
      must(await api.call('POST', `${base}/elections/${id}/open`, chair, {}), 'open');
      const subjects = Array.from({ length: voters }, (_, i) => `voter-${i}`);
      const tokens = await pool(subjects, 32, async (subject) =>
        must(await api.call<TokenResponse>('POST', `${base}/elections/${id}/token`, await api.jwt(subject)), 'token'),
      );
      return { id, tokens };
    },
    /** Closes and seals; the number of ballots counted. */
    async close(id: string): Promise<number> {
      const closed = must(
        await api.call<{ results: { ballotsCast: number } }>('POST', `${base}/elections/${id}/close`, chair),
        'close',
      );
      return closed.results.ballotsCast;
    },
    tracker: async (id: string) =>
      must(await api.call<Tracker>('GET', `${api.elections}/v1/elections/${id}/tracker`), 'tracker'),
  };
}
