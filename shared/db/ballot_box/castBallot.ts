/**
 * The fast path: one pipelined transaction, one statement. It
 *  - takes a shared advisory lock on the election without waiting (sealing
 *    takes it exclusively, so a seal waits for every cast in flight and no
 *    cast starts while a seal runs),
 *  - locks the token row FOR UPDATE NOWAIT (a concurrent cast with the same
 *    token fails at once with SQLSTATE 55P03 instead of queueing),
 *  - marks the token used and inserts the ballot, only if it was unused and
 *    the election is open,
 *  - and reports what it found, including the choices already stored under
 *    this receipt, so an identical retry can be told from a second vote.
 */
import type { Sql } from '../pool.js';
import { inOneRoundTrip } from '../roundTrip.js';
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

export async function castBallot(sql: Sql, input: CastInput): Promise<CastRow | undefined> {
  const [row] = await inOneRoundTrip<CastRow>(sql, { orgId: input.orgId }, (c) => c`
    with gate as (
      select e.id, e.status, pg_try_advisory_xact_lock_shared(hashtextextended(e.id::text, 0)) as admitted
      from ballot_box.elections e where e.id = ${input.electionId}
    ), locked as (
      select t.token_hash, t.used from ballot_box.tokens t, gate g
      where t.token_hash = ${input.tokenHash} and t.election_id = g.id and g.status = 'open' and g.admitted
      for update of t nowait
    ), spent as (
      update ballot_box.tokens t set used = true from locked l
      where t.token_hash = l.token_hash and not l.used
      returning t.org_id, t.election_id
    ), cast_ballot as (
      insert into ballot_box.ballots (org_id, election_id, choices, receipt)
      select org_id, election_id, ${input.choices}::text[], ${input.receipt} from spent
      returning 1
    )
    select g.status, g.admitted,
      (select used from locked) as was_used,
      (select count(*)::int from cast_ballot) as inserted,
      (select b.choices from ballot_box.ballots b where b.election_id = g.id and b.receipt = ${input.receipt}) as existing
    from gate g`);
  return row;
}
