import type { Tx } from '../../common/db/pool.js';

/** Whether the org (the tenant transaction's) has this meeting. */
export async function meetingExists(tx: Tx, meetingId: string): Promise<boolean> {
  return (await tx`select 1 from registry.meetings where id = ${meetingId}`).length === 1;
}
