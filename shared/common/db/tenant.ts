/**
 * Every tenant-scoped query runs inside `withTenant`: one transaction whose
 * first statement sets `app.org_id` for that transaction only. Row-Level
 * Security policies compare each row's `org_id` with it, and match nothing
 * when it is unset.
 * The caller stops waiting after `timeoutMs` (by default the pool's call
 * timeout, if its config sets one) with a DeadlineError: a database that has
 * stopped answering gets a fast 503, not a request that hangs. The
 * transaction itself is not cancelled: it commits or rolls back on its own.
 * A connection lost inside it is handled as transaction.ts explains.
 */
import { callTimeoutOf, type Sql, type Tx } from './pool.js';
import { transaction } from './transaction.js';
import { withDeadline } from '../deadline.js';
import { dbSpan } from './span.js';

export function withTenant<T>(
  sql: Sql,
  orgId: string,
  work: (tx: Tx) => Promise<T>,
  timeoutMs = callTimeoutOf(sql),
): Promise<T> {
  const inOrg = dbSpan('transaction', () =>
    transaction(sql, async (tx) => {
      await tx`select set_config('app.org_id', ${orgId}, true)`;
      return work(tx);
    }),
  );
  return timeoutMs === undefined ? inOrg : withDeadline(inOrg, timeoutMs, 'the database transaction');
}
