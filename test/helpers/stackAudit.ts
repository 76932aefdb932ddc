/** The local stack's audit trail as start.test reads it: the stack org's events bound for audit, and what it logged. */
import postgres from 'postgres';
import type { Sql } from '../../shared/common/db/index.js';
import { countRows } from './db.js';

async function withDb<T>(url: string, work: (db: Sql) => Promise<T>): Promise<T> {
  const db = postgres(url, { max: 1 }) as unknown as Sql;
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/**
 * The stack org's events bound for the audit topic. Not every event goes to audit: a usage report (metering only)
 * may land at any time, when the elections function flushes its counts.
 */
export const countOutbox = (url: string) =>
  withDb(url, (db) => countRows(db)`registry.outbox where org_id = 'stack-org' and 'audit' = any(topics)`);

/** The stack org's audit log rows. */
export const countAudited = (url: string) =>
  withDb(url, (db) => countRows(db)`registry.audit_log where org_id = 'stack-org'`);

/** The audit-bound events not in the audit log, with when each occurred and was published (for a failure's report). */
export const unaudited = (url: string) =>
  withDb(
    url,
    (db) => db`
      select o.type, o.topics, o.occurred_at, o.published_at, clock_timestamp() as now from registry.outbox o
      where o.org_id = 'stack-org' and 'audit' = any(o.topics)
        and not exists (select 1 from registry.audit_log a where a.event_id = o.id)`,
  );
