import type { ElectionResults } from '../../../schemas/api.js';
import type { SealedTally } from '../../../schemas/common.js';
import type { ElectionRow } from '../db/index.js';

/** The ballot box's sealed tally with the registry's option labels; a weighted election's units and heads too. */
export function labelResults(election: ElectionRow, sealed: SealedTally): ElectionResults {
  const counts = new Map(sealed.tally.map((t) => [t.option, t]));
  const weighted = sealed.unitsCast !== undefined;
  return {
    electionId: election.id,
    ballotsCast: sealed.ballotsCast,
    eligible: sealed.eligible,
    options: election.options.map((o) => ({
      id: o.id,
      label: o.label,
      votes: counts.get(o.id)?.votes ?? 0,
      ...(weighted ? { units: counts.get(o.id)?.units ?? 0 } : {}),
      ...(sealed.voters === undefined ? {} : { voters: counts.get(o.id)?.voters ?? 0 }),
    })),
    root: sealed.root,
    ...(weighted ? { unitsCast: sealed.unitsCast!, eligibleUnits: sealed.eligibleUnits ?? 0 } : {}),
    ...(sealed.voters === undefined ? {} : { voters: sealed.voters, eligibleVoters: sealed.eligibleVoters ?? 0 }),
    ...(sealed.verdict ? { rules: sealed.rules!, present: sealed.present ?? null, verdict: sealed.verdict } : {}),
    ...(sealed.ranked ? { ranked: sealed.ranked } : {}),
  };
}
