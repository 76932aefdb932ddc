import type { Tx } from '../../common/db/pool.js';
import { electionColumns, type ElectionRow } from './createElection.js';

export type ElectionWithIssuance = ElectionRow & { tokensIssued: number };

export async function getElection(tx: Tx, electionId: string): Promise<ElectionWithIssuance | undefined> {
  const [row] = await tx<ElectionWithIssuance[]>`
    select ${tx.unsafe(electionColumns)},
           (select count(*)::int from registry.token_issuances t where t.election_id = e.id) as tokens_issued
    from registry.elections e where id = ${electionId}`;
  return row;
}
