import type { Tx } from '../../common/db/pool.js';
import type { EventEnvelope } from '../../../schemas/domainEvents.js';

export type OutboxRow = {
  orgId: string;
  id: string;
  topics: string[];
  envelope: EventEnvelope;
  /** The trace context of the change that recorded it (none when tracing was off). */
  traceParent: string | null;
};

/**
 * The oldest unpublished events nobody holds a lease on, leased for
 * `leaseSeconds`: the claim commits at once, so no transaction stays open
 * while they are published. Rows another relay is claiming are skipped.
 */
export async function claimOutbox(tx: Tx, limit: number, leaseSeconds: number): Promise<OutboxRow[]> {
  return tx<OutboxRow[]>`
    update registry.outbox set claimed_until = now() + make_interval(secs => ${leaseSeconds})
    where (org_id, id) in (
      select org_id, id from registry.outbox
      where published_at is null and (claimed_until is null or claimed_until < now())
      order by occurred_at limit ${limit}
      for update skip locked)
    returning org_id, id, topics, envelope, trace_parent`;
}
