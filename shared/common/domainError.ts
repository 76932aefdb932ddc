/**
 * The one error that domain code (shared/registry/, shared/ballot_box/)
 * throws when a request cannot be carried out: a closed set of codes in the
 * domain's words, no HTTP. The app's single error handler maps each code to
 * its status (shared/common/http/errors.ts); the codes are the contract's
 * error codes of the same meaning (docs/api.md).
 */
export type DomainCode =
  /** A definition breaks its kind's rules (options, maxChoices, schedule). */
  | 'invalid_request'
  /** A ballot's choices break the election's rules. */
  | 'invalid_choices'
  /** No such election (on the other side of the S2S bridge). */
  | 'not_found'
  /** The election is not in the status the change starts from. */
  | 'invalid_transition'
  /** Tokens and ballots are taken only while an election is a draft or open. */
  | 'election_not_open'
  /** The other side cannot be reached now; a retry may succeed. */
  | 'unavailable';

export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: DomainCode,
    message: string,
  ) {
    super(message);
  }
}
