/**
 * The one error class of the HTTP layer: a closed set of codes, each with its
 * status. Handlers throw `ApiError`; the app's single `onError` renders
 * `{code, message, requestId}`.
 */
const statuses = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_choices: 400,
  unknown_meeting: 400,
  unauthenticated: 401,
  invalid_token: 401,
  bad_signature: 401,
  forbidden: 403,
  not_eligible: 403,
  not_found: 404,
  unknown_election: 404,
  unknown_receipt: 404,
  org_exists: 409,
  last_admin: 409,
  invalid_transition: 409,
  already_voted: 409,
  election_not_open: 409,
  not_sealed: 409,
  definition_conflict: 409,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  busy: 423,
  rate_limited: 429,
  internal: 500,
  overloaded: 503,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof statuses;
export type ErrorStatus = (typeof statuses)[ErrorCode];

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = statuses[code];
  }
}

export function statusOf(code: ErrorCode): ErrorStatus {
  return statuses[code];
}

export type ErrorBody = { code: ErrorCode; message: string; requestId: string };
