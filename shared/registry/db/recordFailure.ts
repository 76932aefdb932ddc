import type { Tx } from '../../common/db/pool.js';

/** Counts a failed delivery; returns the attempts so far, parking the event as dead at `limit`. */
export async function recordFailure(
  tx: Tx,
  failure: { orgId: string; worker: string; eventId: string; error: string; envelope: unknown; limit: number },
): Promise<{ attempts: number; dead: boolean }> {
  const [row] = await tx<{ attempts: number; dead: boolean }[]>`
    insert into registry.delivery_failures as f (org_id, worker, event_id, attempts, last_error, envelope, dead)
    values (${failure.orgId}, ${failure.worker}, ${failure.eventId}, 1, ${failure.error}, ${tx.json(failure.envelope as never)}, ${failure.limit <= 1})
    on conflict (org_id, worker, event_id) do update
      set attempts = f.attempts + 1, last_error = excluded.last_error, dead = f.attempts + 1 >= ${failure.limit}, updated_at = now()
    returning attempts, dead`;
  return row!;
}
