/**
 * Sealing a closed election, in one transaction:
 *  1. take the election's advisory lock exclusively: this waits for every
 *     cast still in flight (they hold it shared) and turns new ones away, so
 *     every ballot that was acknowledged is in what follows;
 *  2. tally (only the definition's options count), count the members who could
 *     vote (the tokens registered), and build the tracker (receipts with
 *     choices, sorted) and its root; a weighted election also sums the units
 *     (per option, cast, registered), and its tracker shows each ballot's;
 *  3. rewrite the ballots: delete and re-insert them in receipt order, so no
 *     row keeps the transaction id it shared with its token row, nor its
 *     insertion order;
 *  4. delete the election's token hashes, and record the results; an
 *     election with rules also its verdict (schemas/verdict.ts), with the
 *     presence it was given at the open; a ranked election its count
 *     (schemas/ranked/count.ts), every stage, a tie drawn by lot from the root.
 */
import type { Tx } from '../../common/db/pool.js';
import { merkleRoot } from '../../common/crypto/merkle.js';
import type { SealedTally } from '../../../schemas/common.js';
import type { TrackerEntry } from '../../../schemas/api.js';
import { recount } from '../../../schemas/recount.js';
import { decide, talliesOf } from '../../../schemas/verdict.js';
import { trackerHeader } from '../../../schemas/trackerHeader.js';
import { sealedColumns, sealedResults, type SealedRow } from './sealedTally.js';
import { lotOrder } from '../../common/crypto/lotOrder.js';
import { countRanked } from '../../../schemas/ranked/count.js';
import { dbSpan } from '../../common/db/span.js';

export function sealElection(tx: Tx, electionId: string): Promise<SealedTally | 'not_closed' | 'unknown_election'> {
  return dbSpan('seal', () => seal(tx, electionId));
}

async function seal(tx: Tx, electionId: string): Promise<SealedTally | 'not_closed' | 'unknown_election'> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${electionId}::text, 0))`;
  const [election] = await tx<SealedRow[]>`
    select ${tx.unsafe(sealedColumns)} from ballot_box.elections where id = ${electionId} for update`;
  if (!election) return 'unknown_election';
  if (election.status === 'sealed') return sealedResults(election);
  if (election.status !== 'closed') return 'not_closed';

  const ballots = await tx<(TrackerEntry & { units: number })[]>`
    select receipt, choices, units from ballot_box.ballots where election_id = ${electionId} order by receipt`;
  const tracker: TrackerEntry[] = election.weighted
    ? ballots
    : ballots.map(({ receipt, choices }) => ({ receipt, choices }));
  const counted = recount(election.optionIds, ballots);
  const [registered] = await tx<{ eligible: number; units: number; heads: number }[]>`
    select count(*)::int as eligible, coalesce(sum(units), 0)::int as units,
      count(*) filter (where units = 0)::int as heads
    from ballot_box.tokens where election_id = ${electionId}`;
  // Heads exist in a weighted election opened since migration 000036 (and not in one opened before it).
  const withHeads = election.weighted && (registered!.heads > 0 || counted.voters > 0);
  const counts = {
    ballotsCast: counted.ballotsCast,
    eligible: registered!.eligible,
    tally: [...counted.options].map(([option, n]) => ({
      option,
      votes: n.votes,
      ...(election.weighted ? { units: n.units } : {}),
      ...(withHeads ? { voters: n.voters } : {}),
    })),
    ...(election.weighted ? { unitsCast: counted.unitsCast, eligibleUnits: registered!.units } : {}),
    ...(withHeads ? { voters: counted.voters, eligibleVoters: registered!.heads } : {}),
    ...(election.rules ? { rules: election.rules, present: election.present } : {}),
  };
  // The root covers the ballots and, decided by rules or ranked, the header: the rules and counts the verdict
  // reads, the count's method and seats.
  const header = trackerHeader({ ...counts, ranked: election.ranked ?? undefined });
  const results: SealedTally = { ...counts, root: merkleRoot(tracker, header) };
  if (election.ranked)
    results.ranked = countRanked(
      election.ranked,
      election.optionIds,
      tracker,
      lotOrder(results.root, election.optionIds),
    );
  // An election with rules: the verdict (schemas/verdict.ts), a tie drawn by lot from the root.
  if (election.rules) {
    results.verdict = decide(
      election.kind,
      election.maxChoices,
      election.rules,
      talliesOf(results, election.present),
      lotOrder(results.root, election.optionIds),
    );
  }

  await tx`
    with gone as (
      delete from ballot_box.ballots where election_id = ${electionId}
      returning org_id, election_id, choices, receipt, units
    )
    insert into ballot_box.ballots (org_id, election_id, choices, receipt, units)
    select org_id, election_id, choices, receipt, units from gone order by receipt`;
  await tx`delete from ballot_box.tokens where election_id = ${electionId}`;
  await tx`
    update ballot_box.elections
    set status = 'sealed', ballots_cast = ${results.ballotsCast}, eligible = ${results.eligible},
      tally = ${tx.json(results.tally)}, tracker_root = ${results.root},
      units_cast = ${results.unitsCast ?? null}, eligible_units = ${results.eligibleUnits ?? null},
      voters = ${results.voters ?? null}, eligible_voters = ${results.eligibleVoters ?? null},
      verdict = ${results.verdict ? tx.json(results.verdict) : null}::jsonb,
      ranked_count = ${results.ranked ? tx.json(results.ranked) : null}::jsonb
    where id = ${electionId}`;
  return results;
}
