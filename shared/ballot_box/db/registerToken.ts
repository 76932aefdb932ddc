import type { Tx } from '../../common/db/pool.js';

/** Registers a token hash while the election is a draft or open. */
export async function registerToken(
  tx: Tx,
  electionId: string,
  tokenHash: Buffer,
): Promise<'created' | 'exists' | 'not_open' | 'unknown_election'> {
  const [election] = await tx<{ orgId: string; status: string }[]>`
    select org_id, status from ballot_box.elections where id = ${electionId} for share`;
  if (!election) return 'unknown_election';
  if (election.status !== 'draft' && election.status !== 'open') return 'not_open';
  const [created] = await tx`
    insert into ballot_box.tokens (token_hash, org_id, election_id) values (${tokenHash}, ${election.orgId}, ${electionId})
    on conflict (token_hash) do nothing returning 1`;
  return created ? 'created' : 'exists';
}
