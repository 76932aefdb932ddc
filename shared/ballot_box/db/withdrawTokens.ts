import type { Tx } from '../../common/db/pool.js';

/**
 * Withdraws unused token hashes (their members are no longer eligible). A
 * token a cast holds is waited for: it is then spent, and counted as used,
 * never withdrawn from under a ballot.
 */
export async function withdrawTokens(
  tx: Tx,
  electionId: string,
  tokenHashes: Buffer[],
): Promise<{ withdrawn: number; used: number } | 'not_open' | 'unknown_election'> {
  const [election] = await tx<{ status: string }[]>`
    select status from ballot_box.elections where id = ${electionId} for share`;
  if (!election) return 'unknown_election';
  if (election.status !== 'draft' && election.status !== 'open') return 'not_open';
  const hashes = tokenHashes.map((h) => h.toString('hex'));
  const [row] = await tx<{ withdrawn: number; used: number }[]>`
    with wanted as (select decode(h, 'hex') as token_hash from unnest(${hashes}::text[]) as h),
    gone as (
      delete from ballot_box.tokens t using wanted w
      where t.election_id = ${electionId} and t.token_hash = w.token_hash and not t.used
      returning 1
    )
    select (select count(*)::int from gone) as withdrawn,
           (select count(*)::int from ballot_box.tokens t join wanted w using (token_hash)
             where t.election_id = ${electionId} and t.used) as used`;
  return row!;
}
