/**
 * The fast path: one autocommit statement, `ballot_box.cast_ballot(…)`
 * (migration 000026, which made 000004's and 000021's one), which scopes the transaction
 * to the org and runs one data-modifying CTE that
 *  - takes a shared advisory lock on the election without waiting (sealing
 *    takes it exclusively, so a seal waits for every cast in flight and no
 *    cast starts while a seal runs),
 *  - locks the token row FOR UPDATE NOWAIT (a concurrent cast with the same
 *    token fails at once, lock_not_available, instead of queueing),
 *  - marks the token used and inserts the ballot, only if it was unused and
 *    the election is open,
 *  - and reports what it found, including the choices already stored under
 *    this receipt, so an identical retry can be told from a second vote.
 * One protocol message and no reserved connection: the pool pipelines casts.
 */
import { hasSqlState, sqlState, type Sql } from '../../common/db/index.js';
import type { ElectionStatus } from '../../../schemas/api.js';
import { dbSpan } from '../../common/db/span.js';

export type CastInput = {
  orgId: string;
  electionId: string;
  tokenHash: Buffer;
  receipt: string;
  choices: string[];
  /** A ballot the queue delivers: also admitted by a closed (not yet sealed) election it was queued in time for. */
  queued?: { at: Date; fenceMs: number };
};

/**
 * - `counted`: this call stored the ballot;
 * - `repeated`: the same token already stored the same choices (a retry);
 * - `already_voted`: the same token stored other choices;
 * - `not_open`: the election is not open (nor, for a queued ballot, closed within the fence), or a seal holds it;
 * - `invalid_token`: no such token for this election;
 * - `busy`: another cast holds this token right now (or has just spent it and is not yet visible);
 * - `unknown_election`: no such election in the org.
 */
export type CastOutcome =
  'counted' | 'repeated' | 'already_voted' | 'not_open' | 'invalid_token' | 'busy' | 'unknown_election';

export type CastRow = {
  status: ElectionStatus;
  admitted: boolean;
  /** null: no such token for this election (or the election is not open). */
  wasUsed: boolean | null;
  inserted: number;
  existing: string[] | null;
};

/** One cast, from a voter (the fast path) or from the queue (`queued`): the same statement, one round trip. */
export function castBallot(sql: Sql, input: CastInput): Promise<CastOutcome> {
  const fence = input.queued ? input.queued.fenceMs / 1000 : null;
  return dbSpan('ballot_box.cast_ballot', () => cast(sql, input, fence));
}

function cast(sql: Sql, input: CastInput, fence: number | null): Promise<CastOutcome> {
  return sql<CastRow[]>`
    select * from ballot_box.cast_ballot(${input.orgId}, ${input.electionId}, ${input.tokenHash}, ${input.receipt},
      ${input.choices}::text[], ${input.queued?.at ?? null}::timestamptz, make_interval(secs => ${fence}::float8))`.then(
    (rows) => outcomeOf(rows[0], input.choices),
    (err: unknown) => {
      if (hasSqlState(err, sqlState.lockNotAvailable)) return 'busy';
      throw err;
    },
  );
}

/** What a row of `ballot_box.cast_ballot` means for a cast with these choices (none: no such election). */
export function outcomeOf(row: CastRow | undefined, choices: string[]): CastOutcome {
  if (!row) return 'unknown_election';
  if (row.inserted === 1) return 'counted';
  if (row.existing) return sameChoices(row.existing, choices) ? 'repeated' : 'already_voted';
  if (row.status !== 'open' || !row.admitted) return 'not_open';
  if (row.wasUsed === null) return 'invalid_token';
  return 'busy';
}

function sameChoices(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
