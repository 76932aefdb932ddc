import type { Tx } from '../../common/db/pool.js';
import type { ElectionStatus } from '../../../schemas/api.js';

/**
 * The registry's copy of an election's status (the ballot box holds the
 * truth), and its results once sealed. With `from`, only an election in that
 * status changes; returns whether it did, so a change and its event happen once.
 * `changing: 'begin'` records that an open or a close has begun (kept if it
 * already had), `'end'` that it is done on both sides.
 */
export async function markElection(
  tx: Tx,
  electionId: string,
  change: {
    status: ElectionStatus;
    from?: ElectionStatus;
    closesAt?: string | null;
    results?: unknown;
    changing?: 'begin' | 'end';
  },
): Promise<boolean> {
  const rows = await tx`
    update registry.elections set
      status = ${change.status},
      closes_at = coalesce(${change.closesAt ?? null}::timestamptz, closes_at),
      results = coalesce(${change.results === undefined ? null : tx.json(change.results as never)}::jsonb, results),
      changing_since = case ${change.changing ?? 'keep'}::text
        when 'begin' then coalesce(changing_since, now()) when 'end' then null else changing_since end
    where id = ${electionId} and (${change.from ?? null}::text is null or status = ${change.from ?? null})
    returning 1`;
  return rows.length === 1;
}
