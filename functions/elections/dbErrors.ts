/** Database failures on voter-facing routes, as the contract's answers. */
import { ApiError } from '../../shared/common/http/index.js';
import { GateTimeoutError } from '../../shared/common/db/index.js';
import { lockNotAvailable } from '../../shared/ballot_box/db/index.js';

const queryCanceled = '57014'; // statement_timeout

export function asOverload(err: unknown): never {
  if (err instanceof GateTimeoutError) throw new ApiError('overloaded', 'too many ballots at once; retry shortly', 1);
  const code = (err as { code?: string }).code;
  if (code === lockNotAvailable)
    throw new ApiError('busy', 'this token is being used by another request; retry shortly', 1);
  if (code === queryCanceled) throw new ApiError('overloaded', 'the database is slow to answer; retry shortly', 1);
  throw err;
}
