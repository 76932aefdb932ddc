import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import {
  eventPayloads,
  schemaVersion,
  type EventEnvelope,
  type EventPayload,
  type EventType,
} from '../../../schemas/domainEvents.js';

/** A new event in the one envelope every topic carries; the payload is checked against its type's schema. */
export function buildEnvelope<T extends EventType>(
  orgId: string,
  type: T,
  payload: EventPayload<T>,
  id: string = randomUUID(),
): EventEnvelope {
  return {
    id,
    type,
    org: orgId,
    occurredAt: new Date().toISOString(),
    schemaVersion,
    payload: v.parse(eventPayloads[type], payload) as Record<string, unknown>,
  };
}
