import type { Sql } from '../../common/db/index.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';
import type { Turnout } from '../../../schemas/common.js';

export type { Turnout };

/** The election's status, ballots so far and the members who may vote (counted at the seal, from then on stored). */
export async function turnout(sql: Sql, orgId: string, electionId: string): Promise<Turnout | undefined> {
  const [row] = await inOneRoundTrip<Turnout>(
    sql,
    { orgId },
    (c) => c`
    select status,
      coalesce(ballots_cast, (select count(*)::int from ballot_box.ballots b where b.election_id = e.id)) as ballots_cast,
      coalesce(eligible, (select count(*)::int from ballot_box.tokens t where t.election_id = e.id)) as eligible
    from ballot_box.elections e where id = ${electionId}`,
  );
  return row;
}
