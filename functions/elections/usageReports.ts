/**
 * The elections function's API requests, counted per org, published straight
 * to the metering topic once a minute: the ballot side cannot reach the
 * registry's outbox.
 */
import { buildEnvelope, type Publisher } from '../../shared/common/pubsub/index.js';

export async function publishUsage(publisher: Publisher, counts: Map<string, number>): Promise<void> {
  await Promise.all(
    [...counts].map(([orgId, apiRequests]) =>
      publisher.publish('metering', buildEnvelope(orgId, 'usage.reported', { source: 'elections', apiRequests })),
    ),
  );
}
