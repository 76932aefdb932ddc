/**
 * Reporting the API requests counted per org (shared/http/requestCounter.ts):
 * the registry side writes them to its outbox; the ballot side, which cannot
 * reach the registry, publishes them to the metering topic itself.
 */
import { withTenant, type Sql } from '../db/index.js';
import { recordEvent } from '../db/registry/index.js';
import { buildEnvelope } from './envelope.js';
import type { Publisher } from './publisher.js';

export async function recordUsage(sql: Sql, counts: Map<string, number>): Promise<void> {
  for (const [orgId, apiRequests] of counts) {
    await withTenant(sql, orgId, (tx) => recordEvent(tx, orgId, 'usage.reported', { source: 'events', apiRequests }));
  }
}

export async function publishUsage(publisher: Publisher, counts: Map<string, number>): Promise<void> {
  await Promise.all(
    [...counts].map(([orgId, apiRequests]) =>
      publisher.publish('metering', buildEnvelope(orgId, 'usage.reported', { source: 'elections', apiRequests })),
    ),
  );
}
