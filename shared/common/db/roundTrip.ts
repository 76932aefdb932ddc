/**
 * A transaction in one network round trip: BEGIN, the scope settings, the
 * statement and COMMIT are pipelined on one reserved connection, and the
 * replies are read in order. `sql.begin` would wait for BEGIN and for each
 * statement before sending the next. If the statement fails, PostgreSQL
 * answers the pipelined COMMIT with a rollback, so nothing is half-written.
 *
 * If the connection dies, postgres.js 3.4.x neither settles the statements it
 * still held back nor survives the connection being released afterwards (a
 * released dead connection is handed the next query, written to a socket
 * that is gone: porsager/postgres#1208). So the first connection error is
 * the answer, and the connection is not released: its close already gave it
 * back to the pool, which reconnects it when it is needed.
 */
import type postgres from 'postgres';
import { callTimeoutOf, type Sql } from './pool.js';
import { withDeadline } from '../deadline.js';
import { databaseUnavailable } from './unavailable.js';

export type Scope = { orgId?: string; electionId?: string };
type Reserved = postgres.ReservedSql<Record<string, unknown>>;

/**
 * The caller stops waiting after `timeoutMs` (by default the pool's call timeout) with a DeadlineError, as with
 * withTenant: the round trip itself goes on, and gives its connection back when it ends.
 */
export function inOneRoundTrip<T>(
  sql: Sql,
  scope: Scope,
  statement: (c: Reserved) => postgres.PendingQuery<postgres.Row[]>,
  timeoutMs = callTimeoutOf(sql),
): Promise<T[]> {
  const trip = roundTrip<T>(sql, scope, statement);
  return timeoutMs === undefined ? trip : withDeadline(trip, timeoutMs, 'the database round trip');
}

async function roundTrip<T>(
  sql: Sql,
  scope: Scope,
  statement: (c: Reserved) => postgres.PendingQuery<postgres.Row[]>,
): Promise<T[]> {
  const c = await sql.reserve();
  let pipelined: postgres.PendingQuery<postgres.Row[]>[];
  try {
    pipelined = [
      c`begin`,
      c`select set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.election_id', ${scope.electionId ?? ''}, true)`,
      statement(c),
      c`commit`,
    ];
  } catch (err) {
    c.release(); // nothing was sent: queries are sent when awaited
    throw err;
  }
  const replies = Promise.allSettled(pipelined);
  const lost = new Promise<{ lost: unknown }>((resolve) => {
    for (const reply of pipelined) reply.catch((err: unknown) => databaseUnavailable(err) && resolve({ lost: err }));
  });
  const outcome = await Promise.race([replies, lost]);
  if ('lost' in outcome) throw outcome.lost;
  c.release();
  const failed = outcome.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return (outcome[2] as PromiseFulfilledResult<unknown>).value as T[];
}
