import type { Tx } from '../../common/db/pool.js';
import type { BallotMode } from '../../../schemas/common.js';

/** A draft's ballot mode, set at its open (in the open's transaction, before the status changes). */
export async function setBallotMode(tx: Tx, electionId: string, mode: BallotMode): Promise<void> {
  await tx`update ballot_box.elections set ballot_mode = ${mode} where id = ${electionId} and status = 'draft'`;
}
