import type { Sql } from '../../common/db/pool.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';
import type { ElectionKind, ElectionStatus } from '../../../schemas/api.js';

export type BallotBoxElection = {
  orgId: string;
  id: string;
  kind: ElectionKind;
  optionIds: string[];
  maxChoices: number;
  status: ElectionStatus;
};

/**
 * An election by id alone, as voters name it: the transaction is scoped to
 * that one election (`app.election_id`), which lets it read that row only.
 */
export async function lookupElection(sql: Sql, electionId: string): Promise<BallotBoxElection | undefined> {
  const [row] = await inOneRoundTrip<BallotBoxElection>(
    sql,
    { electionId },
    (c) => c`
    select org_id, id, kind, option_ids, max_choices, status from ballot_box.elections where id = ${electionId}`,
  );
  return row;
}
