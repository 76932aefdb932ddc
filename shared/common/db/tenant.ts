/**
 * Every tenant-scoped query runs inside `withTenant`: one transaction whose
 * first statement sets `app.org_id` for that transaction only. Row-Level
 * Security policies compare each row's `org_id` with it, and match nothing
 * when it is unset.
 */
import type { Sql, Tx } from './pool.js';

export function withTenant<T>(sql: Sql, orgId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${orgId}, true)`;
    return work(tx);
  }) as Promise<T>;
}
