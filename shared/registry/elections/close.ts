/**
 * Closing an election from the registry's side, with no transaction open
 * across the call to the ballot box:
 * 1. beginClose, in the caller's transaction: open → closed, recorded as a
 *    change begun (`changing_since`), so the registry knows from now on that
 *    the ballot box may be closing, and issues no more tokens;
 * 2. finishClose: the ballot box closes and seals (over S2S), then in a
 *    short transaction closed → sealed with the results, and the event is
 *    recorded, once: a concurrent close finds it sealed and answers the
 *    stored results. The election's registered list (who could vote) is
 *    deleted in the same transaction, as the ballot box deleted the token
 *    hashes.
 * A close that fails after 1 leaves the election closed in the registry; the
 * chair's retry or the lifecycle worker's next tick finishes it (every step
 * is idempotent on both sides). Once sealed, the election's token secret is
 * shredded (shred.ts). Used by the chair's close route and by the lifecycle
 * worker for elections whose `closesAt` has passed.
 */
import type { RankedCount } from '../../../schemas/ranked/count.js';
import { withTenant, type Sql, type Tx } from '../../common/db/index.js';
import { forgetRegistrations, getElection, markElection, recordEvent, type ElectionRow } from '../db/index.js';
import type { BallotBox } from '../ballotBox.js';
import type { ElectionResults } from '../../../schemas/api.js';
import { labelResults } from './labelResults.js';

export type CloseDeps = { sql: Sql; ballotBox: BallotBox };

export async function beginClose(tx: Tx, electionId: string): Promise<void> {
  await markElection(tx, electionId, { status: 'closed', from: 'open', changing: 'begin' });
}

export async function finishClose(deps: CloseDeps, orgId: string, election: ElectionRow): Promise<ElectionResults> {
  const sealed = labelResults(election, await deps.ballotBox.close(orgId, election.id));
  return withTenant(deps.sql, orgId, async (tx) => {
    const marked = await markElection(tx, election.id, {
      status: 'sealed',
      from: 'closed',
      results: sealed,
      changing: 'end',
    });
    const stored = await getElection(tx, election.id);
    if (!marked) return (stored?.results as ElectionResults | undefined) ?? sealed;
    // Who was registered (and when, by xmin) goes with the token hashes the ballot box has just deleted.
    await forgetRegistrations(tx, election.id);
    await recordEvent(tx, orgId, 'election.sealed', {
      electionId: election.id,
      ballotsCast: sealed.ballotsCast,
      tokensIssued: sealed.eligible,
      root: sealed.root,
      options: sealed.options.map((o) => ({ id: o.id, votes: o.votes })),
      ...(sealed.verdict && sealed.rules ? { verdict: sealed.verdict, rules: sealed.rules } : {}),
      ...(sealed.ranked ? { ranked: rankedSummary(sealed.ranked) } : {}),
    });
    return sealed;
  });
}

/** Closes an open (or half-closed) election; a sealed one answers its results. Undefined for a draft or none. */
export async function closeInRegistry(
  deps: CloseDeps,
  orgId: string,
  electionId: string,
): Promise<ElectionResults | undefined> {
  const election = await withTenant(deps.sql, orgId, async (tx) => {
    const found = await getElection(tx, electionId);
    if (found?.status === 'open') await beginClose(tx, electionId);
    return found;
  });
  if (!election || election.status === 'draft') return undefined;
  if (election.status === 'sealed') return election.results as ElectionResults;
  return finishClose(deps, orgId, election);
}

/** What the sealed event says of a ranked count: its settings and who was elected. */
const rankedSummary = ({ method, seats, maxRanks, elected }: RankedCount) => ({ method, seats, maxRanks, elected });
