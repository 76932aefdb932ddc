import type { Sql } from '../../common/db/pool.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';
import type { ElectionKind, ElectionStatus } from '../../../schemas/api.js';
import type { BallotMode } from '../../../schemas/common.js';

export type BallotBoxElection = {
  orgId: string;
  id: string;
  kind: ElectionKind;
  optionIds: string[];
  maxChoices: number;
  status: ElectionStatus;
  /** The election's own ballot mode; null: the deployment's. */
  ballotMode: BallotMode | null;
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
    select org_id, id, kind, option_ids, max_choices, status, ballot_mode from ballot_box.elections where id = ${electionId}`,
  );
  return row;
}
