import type { Tx } from '../../common/db/pool.js';
import type { ElectionStatus } from '../../../schemas/api.js';

/**
 * Moves an election from one status to the next (a close records when, for
 * the ballots still in the queue: migration 000021); returns the status it had
 * (undefined when there is no such election), so callers can tell an allowed
 * transition from a repeated or forbidden one.
 */
export async function setStatus(
  tx: Tx,
  electionId: string,
  from: ElectionStatus,
  to: ElectionStatus,
): Promise<ElectionStatus | undefined> {
  const [row] = await tx<{ status: ElectionStatus }[]>`
    select status from ballot_box.elections where id = ${electionId} for update`;
  if (row?.status === from)
    await tx`
      update ballot_box.elections
      set status = ${to}, closed_at = case when ${to} = 'closed' then now() else closed_at end
      where id = ${electionId}`;
  return row?.status;
}
