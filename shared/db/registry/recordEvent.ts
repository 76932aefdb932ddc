import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { Tx } from '../pool.js';
import { eventPayloads, eventTopics, schemaVersion, type EventEnvelope, type EventPayload, type EventType } from '../../../schemas/events.js';

/**
 * Writes an event to the outbox inside the caller's transaction, so the event
 * exists exactly when the change it describes does.
 */
export async function recordEvent<T extends EventType>(tx: Tx, orgId: string, type: T, payload: EventPayload<T>): Promise<EventEnvelope> {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type,
    org: orgId,
    occurredAt: new Date().toISOString(),
    schemaVersion,
    payload: v.parse(eventPayloads[type], payload) as Record<string, unknown>,
  };
  await tx`
    insert into registry.outbox (org_id, id, type, topics, envelope, occurred_at)
    values (${orgId}, ${envelope.id}, ${type}, ${eventTopics[type] as string[]}::text[], ${tx.json(envelope as never)}, ${envelope.occurredAt})`;
  return envelope;
}
