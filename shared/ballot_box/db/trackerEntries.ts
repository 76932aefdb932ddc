import type { Sql } from '../../common/db/index.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';
import type { TrackerEntry } from '../../../schemas/api.js';

/**
 * Every ballot's receipt with its choices, sorted by receipt: the tracker (docs/tracker.md); in a weighted
 * election, with each ballot's units.
 */
export async function trackerEntries(sql: Sql, orgId: string, electionId: string): Promise<TrackerEntry[]> {
  const rows = await inOneRoundTrip<TrackerEntry & { weighted: boolean }>(
    sql,
    { orgId },
    (c) => c`
      select b.receipt, b.choices, b.units, e.weighted
      from ballot_box.ballots b join ballot_box.elections e on e.id = b.election_id
      where b.election_id = ${electionId} order by b.receipt`,
  );
  return rows.map(({ receipt, choices, units, weighted }) =>
    weighted ? { receipt, choices, units } : { receipt, choices },
  );
}
