import type { Tx } from '../../common/db/pool.js';

/** Drops the org's S2S answers older than `keepSeconds` (in the org's transaction); returns how many. */
export async function forgetOldRequests(tx: Tx, keepSeconds: number): Promise<number> {
  const gone = await tx`
    delete from ballot_box.s2s_requests where created_at < now() - make_interval(secs => ${keepSeconds})`;
  return gone.count;
}
