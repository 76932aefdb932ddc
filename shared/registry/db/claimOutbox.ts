import type { Tx } from '../../common/db/pool.js';
import type { EventEnvelope } from '../../../schemas/domainEvents.js';

export type OutboxRow = { orgId: string; id: string; topics: string[]; envelope: EventEnvelope };

/**
 * The oldest unpublished events, locked for this transaction; rows another
 * relay holds are skipped, so concurrent relays never publish one twice.
 */
export async function claimOutbox(tx: Tx, limit: number): Promise<OutboxRow[]> {
  return tx<OutboxRow[]>`
    select org_id, id, topics, envelope from registry.outbox
    where published_at is null order by occurred_at limit ${limit}
    for update skip locked`;
}
