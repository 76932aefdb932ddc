/**
 * "No transaction spans a network call", checked on every request the
 * harness serves: the events function's pool marks the code that runs inside
 * each of its transactions, and its network clients (the ballot box over
 * S2S, the key service) refuse a call made from such code. A refusal fails
 * the request and is kept, and the harness fails the test file when it closes.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Sql } from '../../shared/common/db/index.js';

const inTransaction = new AsyncLocalStorage<true>();

export type Violations = string[];

/** The same pool, whose `begin` runs its callback marked as inside a transaction. */
export function markTransactions(sql: Sql): Sql {
  const begin = sql.begin.bind(sql) as (...args: unknown[]) => Promise<unknown>;
  (sql as unknown as { begin: unknown }).begin = (...args: unknown[]) => {
    const work = args.pop() as (tx: unknown) => unknown;
    return begin(...args, (tx: unknown) => inTransaction.run(true, () => work(tx)));
  };
  return sql;
}

/** `client`, whose `methods` throw (and are recorded in `violations`) when called inside a transaction. */
export function outsideTransactions<T extends object>(
  name: string,
  client: T,
  methods: readonly (keyof T & string)[],
  violations: Violations,
): T {
  const guarded = { ...client };
  for (const method of methods) {
    const call = client[method] as (...args: unknown[]) => unknown;
    (guarded as Record<string, unknown>)[method] = (...args: unknown[]) => {
      if (inTransaction.getStore()) {
        const what = `${name}.${method} was called inside a database transaction`;
        violations.push(what);
        throw new Error(what);
      }
      return call.apply(client, args);
    };
  }
  return guarded;
}
