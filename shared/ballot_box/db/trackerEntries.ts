import type { Sql } from '../../common/db/index.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';
import type { TrackerEntry } from '../../../schemas/api.js';

/** Every ballot's receipt with its choices, sorted by receipt: the tracker (docs/tracker.md). */
export async function trackerEntries(sql: Sql, orgId: string, electionId: string): Promise<TrackerEntry[]> {
  return inOneRoundTrip<TrackerEntry>(
    sql,
    { orgId },
    (c) => c`select receipt, choices from ballot_box.ballots where election_id = ${electionId} order by receipt`,
  );
}
