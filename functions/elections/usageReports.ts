/**
 * The elections function's API requests, counted per org, published straight
 * to the metering topic once a minute: the ballot side cannot reach the
 * registry's outbox.
 */
import { buildEnvelope, type Publisher } from '../../shared/common/pubsub/index.js';
import type { UsageReport } from '../../shared/common/http/index.js';

/** One org's report, published under its own id: the metering worker counts a redelivered or retried one once. */
export async function publishUsage(publisher: Publisher, report: UsageReport): Promise<void> {
  const payload = { source: 'elections' as const, apiRequests: report.apiRequests };
  await publisher.publish('metering', buildEnvelope(report.orgId, 'usage.reported', payload, report.reportId));
}
