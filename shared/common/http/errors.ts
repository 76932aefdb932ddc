/**
 * The contract's error codes, each with its status (docs/api.md), and the
 * error class of the HTTP edge. Routes throw `ApiError`; domain code throws
 * `DomainError` (shared/common/domainError.ts), whose codes are a subset of
 * these; the app's single `onError` renders either as `{code, message,
 * requestId}` with the code's status, and `Retry-After` where the code
 * invites a retry.
 */
import type { DomainCode } from '../domainError.js';

export const errorStatuses = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_choices: 400,
  unknown_meeting: 400,
  invalid_delegation: 400,
  unauthenticated: 401,
  invalid_token: 401,
  bad_signature: 401,
  forbidden: 403,
  not_eligible: 403,
  not_found: 404,
  unknown_election: 404,
  unknown_receipt: 404,
  method_not_allowed: 405,
  org_exists: 409,
  last_admin: 409,
  invalid_transition: 409,
  already_voted: 409,
  election_not_open: 409,
  registration_pending: 409,
  held_by_proxy: 409,
  not_sealed: 409,
  definition_conflict: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  busy: 423,
  internal: 500,
  overloaded: 503,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatuses;
export type ErrorStatus = (typeof errorStatuses)[ErrorCode];

/** Seconds a client should wait before retrying, for the codes that invite a retry. */
export const retryAfterSeconds: Partial<Record<ErrorCode, number>> = {
  busy: 1,
  overloaded: 1,
  unavailable: 2,
  // A member who became eligible after the open waits for the lifecycle tick (every 30 s locally, 60 s deployed).
  registration_pending: 15,
};

// Every domain code is a contract code: the compiler refuses one that is not.
const _domainCodesAreErrorCodes: readonly ErrorCode[] = [] as DomainCode[];
void _domainCodesAreErrorCodes;

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** When to ask again, if this refusal knows better than its code's default (a gate's waiting line). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = errorStatuses[code];
  }
}

export type ErrorBody = { code: ErrorCode; message: string; requestId: string };
