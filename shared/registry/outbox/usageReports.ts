/**
 * The events function's API requests, counted per org
 * (shared/common/http/requestCounter.ts), written to the registry's outbox
 * once a minute. The ballot side reports its own straight to the metering
 * topic (functions/elections/usageReports.ts): it cannot reach the registry.
 */
import { withTenant, type Sql } from '../../common/db/index.js';
import type { UsageReport } from '../../common/http/index.js';
import { recordEvent } from '../db/index.js';

/** One org's report, recorded under its own id: a retry of a report already recorded adds nothing. */
export async function recordUsage(sql: Sql, report: UsageReport): Promise<void> {
  await withTenant(sql, report.orgId, (tx) =>
    recordEvent(
      tx,
      report.orgId,
      'usage.reported',
      { source: 'events', apiRequests: report.apiRequests },
      report.reportId,
    ),
  );
}
