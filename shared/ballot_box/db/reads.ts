/** The ballot box's public reads: receipts, turnout, results and the tracker. */
import type { Sql } from '../../common/db/pool.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';
import type { ElectionStatus } from '../../../schemas/api.js';
import type { TrackerEntry } from '../../common/crypto/merkle.js';
import type { Tally } from './sealElection.js';

export async function receiptExists(sql: Sql, orgId: string, electionId: string, receipt: string): Promise<boolean> {
  const rows = await inOneRoundTrip(
    sql,
    { orgId },
    (c) => c`
    select 1 from ballot_box.ballots where election_id = ${electionId} and receipt = ${receipt}`,
  );
  return rows.length > 0;
}

export type Turnout = { status: ElectionStatus; ballotsCast: number };

export async function turnout(sql: Sql, orgId: string, electionId: string): Promise<Turnout | undefined> {
  const [row] = await inOneRoundTrip<Turnout>(
    sql,
    { orgId },
    (c) => c`
    select status, coalesce(ballots_cast, (select count(*)::int from ballot_box.ballots b where b.election_id = e.id)) as ballots_cast
    from ballot_box.elections e where id = ${electionId}`,
  );
  return row;
}

export type Results = { status: ElectionStatus; ballotsCast: number | null; tally: Tally | null; root: string | null };

export async function results(sql: Sql, orgId: string, electionId: string): Promise<Results | undefined> {
  const [row] = await inOneRoundTrip<Results & { trackerRoot: string | null }>(
    sql,
    { orgId },
    (c) => c`
    select status, ballots_cast, tally, tracker_root from ballot_box.elections where id = ${electionId}`,
  );
  return row && { status: row.status, ballotsCast: row.ballotsCast, tally: row.tally, root: row.trackerRoot };
}

export async function trackerEntries(sql: Sql, orgId: string, electionId: string): Promise<TrackerEntry[]> {
  return inOneRoundTrip<TrackerEntry>(
    sql,
    { orgId },
    (c) => c`
    select receipt, choices from ballot_box.ballots where election_id = ${electionId} order by receipt`,
  );
}
