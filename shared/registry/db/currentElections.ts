import type { Tx } from '../../common/db/pool.js';
import { electionColumns, type ElectionRow } from './createElection.js';

/**
 * What the tenant org's members see now: every election open or being sealed, and the latest sealed ones
 * (`sealedShown`), newest first.
 */
export async function currentElections(tx: Tx, sealedShown: number): Promise<ElectionRow[]> {
  return tx<ElectionRow[]>`
    (select ${tx.unsafe(electionColumns)} from registry.elections
      where status in ('open', 'closed') order by created_at desc limit 100)
    union all
    (select ${tx.unsafe(electionColumns)} from registry.elections
      where status = 'sealed' order by created_at desc limit ${sealedShown})
    order by created_at desc`;
}
