import type { Tx } from '../../common/db/pool.js';

/** "Member M was issued a token for election E": true the first time. Never the token. */
export async function recordIssuance(tx: Tx, orgId: string, electionId: string, subject: string): Promise<boolean> {
  const rows = await tx`
    insert into registry.token_issuances (org_id, election_id, subject) values (${orgId}, ${electionId}, ${subject})
    on conflict do nothing returning 1`;
  return rows.length === 1;
}
