import type { Tx } from '../../common/db/pool.js';
import type { ElectionStatus } from '../../../schemas/api.js';

/** The registry's copy of an election's status (the ballot box holds the truth), and its results once sealed. */
export async function markElection(
  tx: Tx,
  electionId: string,
  change: { status: ElectionStatus; closesAt?: string | null; results?: unknown },
): Promise<void> {
  await tx`
    update registry.elections set
      status = ${change.status},
      closes_at = coalesce(${change.closesAt ?? null}::timestamptz, closes_at),
      results = coalesce(${change.results === undefined ? null : tx.json(change.results as never)}::jsonb, results)
    where id = ${electionId}`;
}
