import type { Tx } from '../../common/db/pool.js';

/** Marks an event applied by a worker; false when it already was (a redelivery). */
export async function markProcessed(tx: Tx, orgId: string, worker: string, eventId: string): Promise<boolean> {
  const rows = await tx`
    insert into registry.processed_events (org_id, worker, event_id) values (${orgId}, ${worker}, ${eventId})
    on conflict do nothing returning 1`;
  return rows.length === 1;
}
