/**
 * The PostgreSQL error codes this project reacts to, by name
 * (https://www.postgresql.org/docs/15/errcodes-appendix.html).
 */
export const sqlState = {
  /** A composite foreign key names a row of another tenant, or none. */
  foreignKeyViolation: '23503',
  /** A unique key is taken: a racing request stored the same row first. */
  uniqueViolation: '23505',
  /** `FOR UPDATE NOWAIT` found the row locked: another cast holds this token. */
  lockNotAvailable: '55P03',
  /** `statement_timeout` cancelled the statement. */
  queryCanceled: '57014',
} as const;

export type SqlState = (typeof sqlState)[keyof typeof sqlState];

export function hasSqlState(err: unknown, state: SqlState): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === state;
}
