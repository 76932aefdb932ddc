/**
 * A database that cannot take more work now, as the contract's answer:
 * no place at the gate in time or a statement cancelled by
 * `statement_timeout` → 503 overloaded, retry shortly. Anything else is
 * re-thrown (a 500).
 */
import { ApiError } from '../../shared/common/http/index.js';
import { GateTimeoutError, hasSqlState, sqlState } from '../../shared/common/db/index.js';
import { databaseUnavailable } from '../../shared/common/db/unavailable.js';
import { DeadlineError } from '../../shared/common/deadline.js';

/** What the ballot path answers with 503: no place in time, a statement cancelled, a call past its deadline, no database. */
export function isOverload(err: unknown): boolean {
  return (
    err instanceof GateTimeoutError ||
    hasSqlState(err, sqlState.queryCanceled) ||
    err instanceof DeadlineError ||
    databaseUnavailable(err)
  );
}

export function asOverload(err: unknown): never {
  if (err instanceof GateTimeoutError)
    throw new ApiError('overloaded', 'too many ballots at once; retry shortly', err.retryAfterSeconds);
  if (hasSqlState(err, sqlState.queryCanceled)) {
    throw new ApiError('overloaded', 'the database is slow to answer; retry shortly');
  }
  throw err;
}
