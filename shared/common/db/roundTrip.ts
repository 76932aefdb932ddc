/**
 * A transaction in one network round trip: BEGIN, the scope settings, the
 * statement and COMMIT are pipelined on one reserved connection, and the
 * replies are read in order. `sql.begin` would wait for BEGIN and for each
 * statement before sending the next. If the statement fails, PostgreSQL
 * answers the pipelined COMMIT with a rollback, so nothing is half-written.
 */
import type postgres from 'postgres';
import type { Sql } from './pool.js';

export type Scope = { orgId?: string; electionId?: string };
type Reserved = postgres.ReservedSql<Record<string, unknown>>;

export async function inOneRoundTrip<T>(
  sql: Sql,
  scope: Scope,
  statement: (c: Reserved) => postgres.PendingQuery<postgres.Row[]>,
): Promise<T[]> {
  const c = await sql.reserve();
  try {
    const replies = await Promise.allSettled([
      c`begin`,
      c`select set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.election_id', ${scope.electionId ?? ''}, true)`,
      statement(c),
      c`commit`,
    ]);
    const failed = replies.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return (replies[2] as PromiseFulfilledResult<unknown>).value as T[];
  } finally {
    c.release();
  }
}
