import type { Tx } from '../../common/db/pool.js';
import { electionColumns, type ElectionRow } from './createElection.js';

export async function getElection(tx: Tx, electionId: string): Promise<ElectionRow | undefined> {
  const [row] = await tx<
    ElectionRow[]
  >`select ${tx.unsafe(electionColumns)} from registry.elections e where id = ${electionId}`;
  return row;
}
