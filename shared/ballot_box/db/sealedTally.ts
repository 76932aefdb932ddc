import type { Sql } from '../../common/db/index.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';
import type { ElectionStatus, SealedTally } from '../../../schemas/common.js';

/** The election's status, and its tally once sealed. */
export async function sealedTally(
  sql: Sql,
  orgId: string,
  electionId: string,
): Promise<{ status: ElectionStatus; tally: SealedTally | undefined } | undefined> {
  const [row] = await inOneRoundTrip<{
    status: ElectionStatus;
    ballotsCast: number | null;
    eligible: number | null;
    tally: SealedTally['tally'] | null;
    trackerRoot: string | null;
  }>(
    sql,
    { orgId },
    (c) =>
      c`select status, ballots_cast, eligible, tally, tracker_root from ballot_box.elections where id = ${electionId}`,
  );
  if (!row) return undefined;
  const sealed = row.status === 'sealed' && row.ballotsCast !== null && row.tally && row.trackerRoot;
  return {
    status: row.status,
    tally: sealed
      ? {
          ballotsCast: row.ballotsCast!,
          eligible: row.eligible ?? row.ballotsCast!,
          tally: row.tally!,
          root: row.trackerRoot!,
        }
      : undefined,
  };
}
