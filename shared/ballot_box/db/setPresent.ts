import type { Tx } from '../../common/db/pool.js';
import type { Amount } from '../../../schemas/verdict.js';

/** Who was present at the open, as counts: taken with the open (a draft only), what the seal's verdict counts. */
export async function setPresent(tx: Tx, electionId: string, present: Amount): Promise<void> {
  await tx`update ballot_box.elections set present = ${tx.json(present)} where id = ${electionId} and status = 'draft'`;
}
