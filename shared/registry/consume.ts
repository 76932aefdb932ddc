/**
 * Consuming a Pub/Sub push delivery, once its sender is authenticated
 * (workers/pushApp.ts): the body is {message: {data: base64, attributes,
 * messageId}, subscription} (https://cloud.google.com/pubsub/docs/push).
 * - An invalid message is logged and acknowledged: retrying cannot fix it.
 *   Invalid: not an envelope, a payload its event type's schema refuses, or
 *   an event the org's outbox does not hold.
 * - A valid one is applied once, as the outbox recorded it (not as the
 *   message claims): the event id is recorded as processed in the same
 *   transaction as the worker's effect, so a redelivery is a no-op.
 * - A failure is counted and re-thrown (the push is answered with an error,
 *   so Pub/Sub redelivers); at `maxAttempts` the event is parked as dead and
 *   acknowledged, since the emulator has no dead-letter topics.
 */
import * as v from 'valibot';
import { withTenant, type Sql, type Tx } from '../common/db/index.js';
import { markProcessed, outboxEnvelope, recordFailure } from './db/index.js';
import { EventEnvelope, eventPayloads } from '../../schemas/domainEvents.js';
import type { Logger } from '../common/log.js';

export type WorkerContext = { tx: Tx; log: Logger };
export type Worker = { name: string; handle: (envelope: EventEnvelope, ctx: WorkerContext) => Promise<void> };
export type ConsumeDeps = { sql: Sql; log: Logger; maxAttempts: number };
export type Outcome = 'applied' | 'duplicate' | 'invalid' | 'dead';

const PushData = v.object({
  message: v.object({
    data: v.string(),
    attributes: v.optional(v.record(v.string(), v.string())),
    messageId: v.optional(v.string()),
  }),
});

export function decodePush(data: unknown): EventEnvelope | string {
  const push = v.safeParse(PushData, data);
  if (!push.success) return 'not a Pub/Sub push message';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(push.output.message.data, 'base64').toString('utf8'));
  } catch {
    return 'message data is not JSON';
  }
  const envelope = v.safeParse(EventEnvelope, parsed);
  if (!envelope.success) return `not an event envelope: ${envelope.issues[0]?.message ?? 'invalid'}`;
  if (push.output.message.attributes?.eventId !== envelope.output.id)
    return 'eventId attribute does not match the envelope';
  const payload = v.safeParse(eventPayloads[envelope.output.type], envelope.output.payload);
  if (!payload.success)
    return `not a valid ${envelope.output.type} payload: ${payload.issues[0]?.message ?? 'invalid'}`;
  return envelope.output;
}

/**
 * The only events no outbox records: the ballot side's request counts, which
 * it publishes to the metering topic itself (it cannot reach the registry).
 * Pub/Sub's IAM, not the outbox, vouches for them.
 */
const unrecorded = (e: EventEnvelope) => e.type === 'usage.reported' && e.payload.source === 'elections';

export async function consume(deps: ConsumeDeps, worker: Worker, data: unknown): Promise<Outcome> {
  const envelope = decodePush(data);
  if (typeof envelope === 'string') {
    deps.log.warn({ worker: worker.name, problem: envelope }, 'invalid message acknowledged');
    return 'invalid';
  }
  const log = deps.log.child({ worker: worker.name, eventId: envelope.id, type: envelope.type, orgId: envelope.org });
  try {
    return await withTenant(deps.sql, envelope.org, async (tx) => {
      // What the registry recorded under this id, in this org; a message that claims anything else is not applied.
      const recorded = unrecorded(envelope) ? envelope : await outboxEnvelope(tx, envelope.id);
      if (!recorded || recorded.type !== envelope.type) {
        log.warn('a message for an event the outbox does not hold was acknowledged and not applied');
        return 'invalid';
      }
      if (!(await markProcessed(tx, envelope.org, worker.name, envelope.id))) return 'duplicate';
      await worker.handle(recorded, { tx, log });
      return 'applied';
    });
  } catch (err) {
    const failure = await withTenant(deps.sql, envelope.org, (tx) =>
      recordFailure(tx, {
        orgId: envelope.org,
        worker: worker.name,
        eventId: envelope.id,
        error: String(err),
        envelope,
        limit: deps.maxAttempts,
      }),
    );
    if (failure.dead) {
      log.error({ err, attempts: failure.attempts }, 'event parked as dead after repeated failures');
      return 'dead';
    }
    log.warn({ err, attempts: failure.attempts }, 'event failed; Pub/Sub will redeliver');
    throw err;
  }
}
