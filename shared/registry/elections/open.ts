/**
 * Opening a draft from the registry's side, inside the org's transaction: the
 * ballot box opens it (over S2S), then the registry's copy follows and the
 * event is recorded. Used by the chair's open route and by the lifecycle
 * worker for drafts whose `opensAt` has come.
 */
import type { Tx } from '../../common/db/index.js';
import { markElection, recordEvent } from '../db/index.js';
import type { BallotBox } from '../ballotBox.js';

export async function openInRegistry(
  tx: Tx,
  ballotBox: BallotBox,
  orgId: string,
  electionId: string,
  closesAt: string | null,
): Promise<void> {
  await ballotBox.open(orgId, electionId);
  await markElection(tx, electionId, { status: 'open', closesAt });
  await recordEvent(tx, orgId, 'election.opened', {
    electionId,
    closesAt: closesAt ? new Date(closesAt).toISOString() : null,
  });
}
