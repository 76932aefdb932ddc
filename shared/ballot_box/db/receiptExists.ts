import type { Sql } from '../../common/db/index.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';

/** Whether the election holds a ballot with this receipt. */
export async function receiptExists(sql: Sql, orgId: string, electionId: string, receipt: string): Promise<boolean> {
  const rows = await inOneRoundTrip(
    sql,
    { orgId },
    (c) => c`select 1 from ballot_box.ballots where election_id = ${electionId} and receipt = ${receipt}`,
  );
  return rows.length > 0;
}
