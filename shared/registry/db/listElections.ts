import type { Tx } from '../../common/db/pool.js';
import { electionColumns, type ElectionRow } from './createElection.js';

/**
 * The tenant org's elections, newest first: every one for an admin, and for
 * a member only those past their draft (a draft is the chair's work).
 */
export async function listElections(tx: Tx, includeDrafts: boolean): Promise<ElectionRow[]> {
  return tx<ElectionRow[]>`
    select ${tx.unsafe(electionColumns)} from registry.elections
    where ${includeDrafts} or status <> 'draft'
    order by created_at desc
    limit 200`;
}
