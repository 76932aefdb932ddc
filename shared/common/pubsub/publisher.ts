/**
 * Publishes event envelopes to Pub/Sub: the JSON envelope as data, the event
 * id, type and org as attributes (consumers dedupe by the id attribute).
 * Publishing retries transient failures itself (google-gax); a failure that
 * remains rejects, and the caller leaves the outbox row for the next sweep.
 * A lost connection is tried again within 2 s at most: gRPC's default backoff
 * grows to 120 s, so an emulator (or endpoint) back after 20 s was not used
 * for another 17 s (seen as a 30 s wait under load in test/scripts/start.test.ts).
 */
import { PubSub, type ClientConfig } from '@google-cloud/pubsub';
import type { EventEnvelope } from '../../../schemas/domainEvents.js';

export type Publisher = {
  /** `traceparent`: the trace context of the change that made the event (the outbox keeps it). */
  publish(topic: string, envelope: EventEnvelope, traceparent?: string): Promise<string>;
  close(): Promise<void>;
};

/** A grpc-js channel option, passed through by google-gax. */
const reconnectBackoff = 'grpc.max_reconnect_backoff_ms';

export function createPublisher(projectId: string, apiEndpoint?: string): Publisher {
  const options: ClientConfig & Record<typeof reconnectBackoff, number> = {
    projectId,
    ...(apiEndpoint ? { apiEndpoint } : {}),
    [reconnectBackoff]: 2000,
  };
  const pubsub = new PubSub(options);
  const topics = new Map<string, ReturnType<PubSub['topic']>>();
  const topicFor = (name: string) => {
    let topic = topics.get(name);
    if (!topic) {
      topic = pubsub.topic(name, { batching: { maxMessages: 100, maxMilliseconds: 5 } });
      topics.set(name, topic);
    }
    return topic;
  };
  return {
    publish: (topic, envelope, traceparent) =>
      topicFor(topic).publishMessage({
        data: Buffer.from(JSON.stringify(envelope)),
        // The trace of the change that made the event, so the worker's handling is part of it.
        attributes: {
          eventId: envelope.id,
          type: envelope.type,
          org: envelope.org,
          ...(traceparent ? { traceparent } : {}),
        },
      }),
    close: () => pubsub.close(),
  };
}
