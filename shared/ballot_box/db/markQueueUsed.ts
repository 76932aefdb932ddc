import type { Tx } from '../../common/db/pool.js';

/**
 * Before an instance's first enqueue for an election: records that the queue
 * is used, if the election is still open (false otherwise: nothing may be
 * queued). A close that committed first is seen here; one that commits after
 * sees the mark and waits for the queue (migration 000029).
 */
export async function markQueueUsed(tx: Tx, electionId: string): Promise<boolean> {
  const [row] = await tx`
    update ballot_box.elections set queue_used = true where id = ${electionId} and status = 'open' returning 1`;
  return row !== undefined;
}
