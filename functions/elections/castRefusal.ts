import { ApiError } from '../../shared/common/http/index.js';
import type { CastOutcome } from '../../shared/ballot_box/db/index.js';

/** A cast's outcome that stored nothing, as the contract words it (a single cast and a batch alike). */
export function castRefusal(outcome: Exclude<CastOutcome, 'counted' | 'repeated'>): ApiError {
  switch (outcome) {
    case 'already_voted':
      return new ApiError('already_voted', 'this token has already voted, with other choices');
    case 'not_open':
      return new ApiError('election_not_open', 'the election is not open for voting');
    case 'invalid_token':
      return new ApiError('invalid_token', 'the voting token is not valid for this election');
    case 'busy':
      return new ApiError('busy', 'this token is being used by another request; retry shortly');
    case 'unknown_election':
      return new ApiError('unknown_election', 'unknown election');
  }
}
