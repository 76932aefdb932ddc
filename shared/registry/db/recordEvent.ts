import type { Tx } from '../../common/db/pool.js';
import { eventTopics, type EventEnvelope, type EventPayload, type EventType } from '../../../schemas/domainEvents.js';
import { buildEnvelope } from '../../common/pubsub/envelope.js';
import { traceHeaders } from '../../common/trace/tracing.js';

/**
 * Writes an event to the outbox inside the caller's transaction, so the event
 * exists exactly when the change it describes does. With `id` (a report
 * retried under the id it was made with), an event already recorded under it
 * is left as it is. The change's trace context goes with it, so its publish
 * and the worker's handling join the change's trace whichever relay sends it.
 */
export async function recordEvent<T extends EventType>(
  tx: Tx,
  orgId: string,
  type: T,
  payload: EventPayload<T>,
  id?: string,
): Promise<EventEnvelope> {
  const envelope = buildEnvelope(orgId, type, payload, id);
  await tx`
    insert into registry.outbox (org_id, id, type, topics, envelope, occurred_at, trace_parent)
    values (${orgId}, ${envelope.id}, ${type}, ${eventTopics[type] as string[]}::text[], ${tx.json(envelope as never)}, ${envelope.occurredAt},
      ${traceHeaders().traceparent ?? null})
    on conflict (org_id, id) do nothing`;
  return envelope;
}
