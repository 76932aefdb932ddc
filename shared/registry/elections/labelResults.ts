import type { ElectionResults } from '../../../schemas/api.js';
import type { SealedTally } from '../../../schemas/common.js';
import type { ElectionRow } from '../db/index.js';

/** The ballot box's sealed tally with the registry's option labels. */
export function labelResults(election: ElectionRow, sealed: SealedTally): ElectionResults {
  const votes = new Map(sealed.tally.map((t) => [t.option, t.votes]));
  return {
    electionId: election.id,
    ballotsCast: sealed.ballotsCast,
    eligible: sealed.eligible,
    options: election.options.map((o) => ({ id: o.id, label: o.label, votes: votes.get(o.id) ?? 0 })),
    root: sealed.root,
  };
}
