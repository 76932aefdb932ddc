import type { Results } from '../../../schemas/api.js';
import type { SealedAnswer } from '../../../schemas/s2s.js';
import type { ElectionRow } from '../db/index.js';

/** The ballot box's tally with the registry's option labels. */
export function toResults(election: ElectionRow, sealed: SealedAnswer['results']): Results {
  const votes = new Map(sealed.tally.map((t) => [t.option, t.votes]));
  return {
    electionId: election.id,
    ballotsCast: sealed.ballotsCast,
    options: election.options.map((o) => ({ id: o.id, label: o.label, votes: votes.get(o.id) ?? 0 })),
    root: sealed.root,
  };
}
