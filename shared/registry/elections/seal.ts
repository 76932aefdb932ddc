/**
 * Closing an election from the registry's side, inside the org's transaction:
 * the ballot box closes and seals (over S2S), then the registry stores the
 * results and records the event. Once that commits, the election's token
 * secret is shredded (shred.ts). Used by the chair's close route and by the
 * lifecycle worker for elections whose `closesAt` has passed.
 */
import type { Tx } from '../../common/db/index.js';
import { markElection, recordEvent, type ElectionRow } from '../db/index.js';
import type { BallotBox } from '../ballotBox.js';
import type { ElectionResults } from '../../../schemas/api.js';
import { labelResults } from './labelResults.js';

export async function sealInRegistry(
  tx: Tx,
  ballotBox: BallotBox,
  orgId: string,
  election: ElectionRow,
): Promise<ElectionResults> {
  const sealed = labelResults(election, await ballotBox.close(orgId, election.id));
  // Once, whatever races: a concurrent close waits for this row and then finds it sealed.
  if (!(await markElection(tx, election.id, { status: 'sealed', from: 'open', results: sealed }))) return sealed;
  await recordEvent(tx, orgId, 'election.sealed', {
    electionId: election.id,
    ballotsCast: sealed.ballotsCast,
    root: sealed.root,
    options: sealed.options.map((o) => ({ id: o.id, votes: o.votes })),
  });
  return sealed;
}
