import type { Tx } from '../../common/db/pool.js';
import type { EventEnvelope } from '../../../schemas/domainEvents.js';

/** The envelope the outbox holds under this event id, in the tenant's transaction; undefined when none. */
export async function outboxEnvelope(tx: Tx, eventId: string): Promise<EventEnvelope | undefined> {
  const [row] = await tx<{ envelope: EventEnvelope }[]>`select envelope from registry.outbox where id = ${eventId}`;
  return row?.envelope;
}
