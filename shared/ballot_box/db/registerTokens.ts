import type { Tx } from '../../common/db/pool.js';

/**
 * Registers token hashes while the election is a draft or open, in the order
 * given (the registry shuffles them, so the rows' physical order says
 * nothing of who is who), each with its units (absent: 1). Returns how many
 * were new.
 */
export async function registerTokens(
  tx: Tx,
  electionId: string,
  tokenHashes: Buffer[],
  units?: number[],
): Promise<{ created: number } | 'not_open' | 'unknown_election'> {
  const [election] = await tx<{ orgId: string; status: string }[]>`
    select org_id, status from ballot_box.elections where id = ${electionId} for share`;
  if (!election) return 'unknown_election';
  if (election.status !== 'draft' && election.status !== 'open') return 'not_open';
  const created = await tx`
    insert into ballot_box.tokens (token_hash, org_id, election_id, units)
    select decode(h, 'hex'), ${election.orgId}, ${electionId}, u
    from unnest(${tokenHashes.map((h) => h.toString('hex'))}::text[], ${units ?? tokenHashes.map(() => 1)}::int[])
      with ordinality as t(h, u, n) order by n
    on conflict (token_hash) do nothing returning 1`;
  return { created: created.count };
}
