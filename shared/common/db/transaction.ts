/**
 * `sql.begin`, safe when the connection dies inside the transaction.
 *
 * postgres.js 3.4.x answers a failed transaction body with its own ROLLBACK
 * on the same connection. When the failure was the connection closing, that
 * ROLLBACK is written from a timer to a socket that is already gone, and the
 * TypeError it throws there takes the whole process down with every request
 * in flight (porsager/postgres#1208; not fixed in 3.4.10). A connection that
 * died has nothing to roll back: PostgreSQL ends the transaction with the
 * session. So when the body fails because the database went away, this waits
 * (briefly) for postgres.js to notice the close, which rejects `begin` on its
 * own, and then leaves the body unsettled, so no ROLLBACK is ever sent.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Sql, Tx } from './pool.js';
import { databaseUnavailable } from './unavailable.js';
import { withStatementSpans } from './statementSpans.js';

/** A socket error comes a tick or two before its close: long enough for that, short enough for a live connection. */
const closeNoticedWithinMs = 1000;

export function transaction<T>(sql: Sql, work: (tx: Tx) => Promise<T>): Promise<T> {
  let connectionGone = false;
  let gone!: () => void;
  const closed = new Promise<void>((resolve) => (gone = resolve));
  const begun = sql.begin(async (tx) => {
    try {
      return await work(withStatementSpans(tx));
    } catch (err) {
      if (databaseUnavailable(err) && !connectionGone) await Promise.race([closed, delay(closeNoticedWithinMs)]);
      if (connectionGone) return new Promise<never>(() => {}); // `begin` has failed already: no ROLLBACK
      throw err;
    }
  }) as Promise<T>;
  // While the body runs, `begin` can only settle by its connection closing.
  const settled = () => {
    connectionGone = true;
    gone();
  };
  begun.then(settled, settled);
  return begun;
}
