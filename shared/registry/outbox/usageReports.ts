/**
 * The events function's API requests, counted per org
 * (shared/common/http/requestCounter.ts), written to the registry's outbox
 * once a minute. The ballot side reports its own straight to the metering
 * topic (functions/elections/usageReports.ts): it cannot reach the registry.
 */
import { withTenant, type Sql } from '../../common/db/index.js';
import { recordEvent } from '../db/index.js';

export async function recordUsage(sql: Sql, counts: Map<string, number>): Promise<void> {
  for (const [orgId, apiRequests] of counts) {
    await withTenant(sql, orgId, (tx) => recordEvent(tx, orgId, 'usage.reported', { source: 'events', apiRequests }));
  }
}
