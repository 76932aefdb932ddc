import type { Sql } from '../../common/db/index.js';
import { inOneRoundTrip } from '../../common/db/roundTrip.js';
import type { ElectionKind, ElectionStatus, SealedTally } from '../../../schemas/common.js';
import type { Rules } from '../../../schemas/rules.js';
import type { Amount, Verdict } from '../../../schemas/verdict.js';
import type { RankedSettings } from '../../../schemas/ranked/settings.js';
import type { RankedCount } from '../../../schemas/ranked/count.js';

/** An election row as the seal reads it and the sealed results are answered from. */
export type SealedRow = {
  status: ElectionStatus;
  optionIds: string[];
  ballotsCast: number | null;
  eligible: number | null;
  tally: SealedTally['tally'] | null;
  trackerRoot: string | null;
  weighted: boolean;
  unitsCast: number | null;
  eligibleUnits: number | null;
  voters: number | null;
  eligibleVoters: number | null;
  kind: ElectionKind;
  maxChoices: number;
  rules: Rules | null;
  present: Amount | null;
  verdict: Verdict | null;
  ranked: RankedSettings | null;
  rankedCount: RankedCount | null;
};

export const sealedColumns =
  'status, option_ids, ballots_cast, eligible, tally, tracker_root, weighted, units_cast, eligible_units, voters, ' +
  'eligible_voters, kind, max_choices, rules, present, verdict, ranked, ranked_count';

/** The sealed results a row holds (every part the seal stored: units, heads, rules, presence, verdict, count). */
export function sealedResults(row: SealedRow): SealedTally {
  return {
    ballotsCast: row.ballotsCast!,
    eligible: row.eligible ?? row.ballotsCast!,
    tally: row.tally!,
    root: row.trackerRoot!,
    ...(row.weighted ? { unitsCast: row.unitsCast!, eligibleUnits: row.eligibleUnits! } : {}),
    ...(row.voters === null ? {} : { voters: row.voters, eligibleVoters: row.eligibleVoters! }),
    ...(row.verdict ? { rules: row.rules!, present: row.present, verdict: row.verdict } : {}),
    ...(row.rankedCount ? { ranked: row.rankedCount } : {}),
  };
}

/** The election's status, and its tally once sealed. */
export async function sealedTally(
  sql: Sql,
  orgId: string,
  electionId: string,
): Promise<{ status: ElectionStatus; tally: SealedTally | undefined } | undefined> {
  const [row] = await inOneRoundTrip<SealedRow>(
    sql,
    { orgId },
    (c) => c`select ${c.unsafe(sealedColumns)} from ballot_box.elections where id = ${electionId}`,
  );
  if (!row) return undefined;
  const sealed = row.status === 'sealed' && row.ballotsCast !== null && row.tally && row.trackerRoot;
  return { status: row.status, tally: sealed ? sealedResults(row) : undefined };
}
