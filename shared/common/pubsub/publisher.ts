/**
 * Publishes event envelopes to Pub/Sub: the JSON envelope as data, the event
 * id, type and org as attributes (consumers dedupe by the id attribute).
 * Publishing retries transient failures itself (google-gax); a failure that
 * remains rejects, and the caller leaves the outbox row for the next sweep.
 */
import { PubSub } from '@google-cloud/pubsub';
import type { EventEnvelope } from '../../../schemas/domainEvents.js';

export type Publisher = {
  publish(topic: string, envelope: EventEnvelope): Promise<string>;
  close(): Promise<void>;
};

export function createPublisher(projectId: string, apiEndpoint?: string): Publisher {
  const pubsub = new PubSub({ projectId, ...(apiEndpoint ? { apiEndpoint } : {}) });
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
    publish: (topic, envelope) =>
      topicFor(topic).publishMessage({
        data: Buffer.from(JSON.stringify(envelope)),
        attributes: { eventId: envelope.id, type: envelope.type, org: envelope.org },
      }),
    close: () => pubsub.close(),
  };
}
