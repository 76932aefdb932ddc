/**
 * The fast path: one autocommit statement, `ballot_box.cast_ballot(…)`
 * (migration 000003), which scopes the transaction to the org and runs one
 * data-modifying CTE that
 *  - takes a shared advisory lock on the election without waiting (sealing
 *    takes it exclusively, so a seal waits for every cast in flight and no
 *    cast starts while a seal runs),
 *  - locks the token row FOR UPDATE NOWAIT (a concurrent cast with the same
 *    token fails at once with SQLSTATE 55P03 instead of queueing),
 *  - marks the token used and inserts the ballot, only if it was unused and
 *    the election is open,
 *  - and reports what it found, including the choices already stored under
 *    this receipt, so an identical retry can be told from a second vote.
 * One protocol message and no reserved connection: the pool pipelines casts.
 */
import type { Sql } from '../../common/db/pool.js';
import type { ElectionStatus } from '../../../schemas/api.js';

export type CastInput = { orgId: string; electionId: string; tokenHash: Buffer; receipt: string; choices: string[] };

export type CastRow = {
  status: ElectionStatus;
  admitted: boolean;
  /** null: no such token for this election (or the election is not open). */
  wasUsed: boolean | null;
  inserted: number;
  existing: string[] | null;
};

export const lockNotAvailable = '55P03';

export function castBallot(sql: Sql, input: CastInput): Promise<CastRow | undefined> {
  return sql<CastRow[]>`
    select * from ballot_box.cast_ballot(${input.orgId}, ${input.electionId}, ${input.tokenHash}, ${input.receipt}, ${input.choices}::text[])`.then(
    (rows) => rows[0],
  );
}
