/**
 * A porsager `postgres` client per process. Column names are camel-cased on
 * the way out so rows map straight onto the API types.
 */
import postgres from 'postgres';
import type { DbConfig } from '../config/index.js';
import { withDeadline } from '../deadline.js';

export type Sql = postgres.Sql<Record<string, unknown>>;
export type Tx = postgres.TransactionSql<Record<string, unknown>>;

/** The client-side deadline of each transaction on a pool (withTenant), where its config sets one. */
const callTimeouts = new WeakMap<Sql, number>();

export function callTimeoutOf(sql: Sql): number | undefined {
  return callTimeouts.get(sql);
}

export function createPool(db: DbConfig, applicationName: string): Sql {
  // `?host=/dir` in the URL (libpq's convention) means the Unix socket in
  // /dir; porsager would send unknown query parameters to the server as settings.
  const url = new URL(db.url);
  const socketDir = url.searchParams.get('host');
  url.searchParams.delete('host');
  const sql: Sql = postgres(url.toString(), {
    ...(socketDir?.startsWith('/') ? { host: socketDir } : {}),
    max: db.poolMax,
    connect_timeout: db.connectTimeoutMs / 1000,
    idle_timeout: 30,
    max_lifetime: 60 * 30,
    prepare: true,
    transform: { column: { from: postgres.toCamel } },
    connection: {
      application_name: applicationName,
      statement_timeout: db.statementTimeoutMs,
      idle_in_transaction_session_timeout: db.statementTimeoutMs * 2,
    },
    onnotice: () => {},
  });
  if (db.callTimeoutMs !== undefined) callTimeouts.set(sql, db.callTimeoutMs);
  return sql;
}

/** `SELECT 1` within a deadline: the health check's view of the database. */
export async function ping(sql: Sql, timeoutMs = 1000): Promise<boolean> {
  return withDeadline(
    sql`select 1`.then(() => true),
    timeoutMs,
    'ping',
  ).catch(() => false);
}
