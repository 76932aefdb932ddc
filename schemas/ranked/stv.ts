/**
 * Scottish STV (the Scottish Local Government Elections Order 2007, rules
 * 45 to 52), in exact integers: a vote is 100,000 units (five decimal
 * places). IRV is its one-seat case. Issue 26, the count only: the ranked
 * ballot, its publication and the recount come with it later.
 *
 * - Quota (Droop): the valid papers ÷ (seats + 1), fractions ignored, + 1.
 * - Each stage ends with every continuing candidate at or above the quota
 *   elected (the most votes first).
 * - The largest surplus is transferred first, by the weighted inclusive
 *   Gregory method: every paper the candidate holds goes to its next
 *   continuing preference at (surplus × the paper's value) ÷ the
 *   candidate's votes, to five decimal places, the remainder ignored (rule
 *   48); papers with no next preference are non-transferable, and what the
 *   truncation leaves is lost. Only the candidate's own papers move: a
 *   paper counting for someone else keeps its value (the original
 *   Ekklesia's count reweighted every paper that named the elected
 *   candidate anywhere).
 * - No surplus left: the candidate with the fewest votes is excluded and
 *   every paper of theirs moves at its value (rule 50).
 * - Ties (equal surpluses, equal fewest votes): look back to the most
 *   recent preceding stage at which the tied had unequal votes (rules
 *   49(2), 51(2)); equal at every stage, the lot (an order of the
 *   candidates drawn by the caller, e.g. from the sealed root) decides.
 *   Each tie is reported with how it was broken.
 * - When the continuing candidates are no more than the seats left, they
 *   are elected (rule 52).
 * Ballots may carry weights (a weighted election's units): a ballot of
 * weight w counts as w papers. Pure and deterministic.
 */
export const unit = 100_000;

export type StvBallot = { ranking: readonly string[]; weight?: number };

export type StvStage = {
  /** What this stage did: the first preferences, a surplus transferred, or a candidate excluded. */
  action: { kind: 'first' } | { kind: 'surplus' | 'exclusion'; candidate: string };
  /** Each candidate's votes at the end of the stage, in units (an excluded one: 0; an elected one: the quota). */
  totals: Record<string, number>;
  /** Value no continuing candidate received, in all so far: papers without a next preference. */
  nonTransferable: number;
  /** What the truncation to five decimal places has left untransferred, in all so far. */
  lost: number;
  elected: string[];
  excluded: string[];
};

export type StvTie = {
  stage: number;
  kind: 'surplus' | 'exclusion';
  candidates: string[];
  brokenBy: 'look-back' | 'lot';
};

export type StvResult = { quota: number; seats: number; stages: StvStage[]; elected: string[]; ties: StvTie[] };

type Paper = { ranking: readonly string[]; at: number; value: number; count: number };

export function scottishStv(
  candidates: readonly string[],
  seats: number,
  ballots: readonly StvBallot[],
  /** Every candidate in the order the lot gives, first = favoured (breaks ties look-back cannot). */
  lotOrder: readonly string[],
): StvResult {
  const known = new Set(candidates);
  for (const b of ballots) for (const c of b.ranking) if (!known.has(c)) throw new RangeError(`unknown candidate ${c}`);
  const valid = ballots.filter((b) => b.ranking.length > 0);
  const papersCast = valid.reduce((n, b) => n + (b.weight ?? 1), 0);
  const quota = (Math.floor(papersCast / (seats + 1)) + 1) * unit;

  const piles = new Map<string, Paper[]>(candidates.map((c) => [c, []]));
  const elected: string[] = [];
  const excluded = new Set<string>();
  const withSurplus: string[] = [];
  const continuing = () => candidates.filter((c) => !excluded.has(c) && !elected.includes(c));
  const total = (c: string) => piles.get(c)!.reduce((n, p) => n + p.value * p.count, 0);
  const history: Record<string, number>[] = [];
  const stages: StvStage[] = [];
  const ties: StvTie[] = [];
  let nonTransferable = 0;
  let lost = 0;
  const finalTotals = new Map<string, number>(); // an elected candidate keeps the quota once their surplus is gone

  /** Puts a paper with its next continuing preference from `at` on; false: it has none (non-transferable). */
  const place = (paper: Paper): boolean => {
    const open = new Set(continuing());
    for (let at = paper.at; at < paper.ranking.length; at++)
      if (open.has(paper.ranking[at]!)) {
        piles.get(paper.ranking[at]!)!.push({ ...paper, at });
        return true;
      }
    return false;
  };
  const move = (paper: Paper) => {
    if (!place(paper)) nonTransferable += paper.value * paper.count;
  };
  const totalsNow = () =>
    Object.fromEntries(candidates.map((c) => [c, excluded.has(c) ? 0 : (finalTotals.get(c) ?? total(c))])) as Record<
      string,
      number
    >;
  /**
   * Orders tied candidates (rules 49(2), 51(2)): by their votes at the most recent preceding stage at which they
   * were unequal, `higher` first or lower; equal at every stage, by the lot (first favoured: transferred first,
   * excluded last).
   */
  const order = (tied: string[], higher: boolean): string[] =>
    [...tied].sort((a, b) => {
      for (let i = history.length - 1; i >= 0; i--) {
        const stage = history[i]!;
        if (stage[a] !== stage[b]) return higher ? stage[b]! - stage[a]! : stage[a]! - stage[b]!;
      }
      return higher ? lotOrder.indexOf(a) - lotOrder.indexOf(b) : lotOrder.indexOf(b) - lotOrder.indexOf(a);
    });
  /** The one candidate with the most (or fewest) votes now; a tie among them broken as the rules say, and reported. */
  const extreme = (cs: string[], most: boolean, kind: StvTie['kind']): string => {
    const votes = cs.map(total);
    const best = most ? Math.max(...votes) : Math.min(...votes);
    const tied = cs.filter((_, i) => votes[i] === best);
    if (tied.length === 1) return tied[0]!;
    const differed = history.some((stage) => new Set(tied.map((c) => stage[c])).size > 1);
    ties.push({ stage: stages.length, kind, candidates: [...tied].sort(), brokenBy: differed ? 'look-back' : 'lot' });
    return order(tied, most)[0]!;
  };
  /**
   * Most votes first; equals in the look-back's order. With the Droop quota no more candidates can reach it than
   * there are seats, so this order is only the order they are listed in: which surplus moves first is decided
   * (and a tie reported) when it moves.
   */
  const byVotes = (cs: string[]): string[] => {
    const groups = new Map<number, string[]>();
    for (const c of cs) groups.set(total(c), [...(groups.get(total(c)) ?? []), c]);
    return [...groups.keys()].sort((a, b) => b - a).flatMap((v) => order(groups.get(v)!, true));
  };
  const endStage = (action: StvStage['action']) => {
    // Everyone at or above the quota is elected, the most votes first.
    for (const c of byVotes(continuing().filter((c) => total(c) >= quota))) {
      if (elected.length === seats) break;
      elected.push(c);
      if (total(c) > quota) withSurplus.push(c);
    }
    const totals = totalsNow();
    history.push(totals);
    stages.push({ action, totals, nonTransferable, lost, elected: [...elected], excluded: [...excluded] });
  };

  for (const b of valid) move({ ranking: b.ranking, at: 0, value: unit, count: b.weight ?? 1 });
  endStage({ kind: 'first' });

  while (elected.length < seats) {
    const open = continuing();
    if (open.length <= seats - elected.length) {
      // Rule 52: as many continuing as seats left (or fewer): they are elected, the most votes first.
      for (const c of byVotes(open)) elected.push(c);
      stages[stages.length - 1]!.elected = [...elected];
      break;
    }
    if (withSurplus.length) {
      // The largest surplus first; equal ones by look-back, then lot.
      const from = extreme(withSurplus, true, 'surplus');
      withSurplus.splice(withSurplus.indexOf(from), 1);
      const votes = total(from!);
      const surplus = votes - quota;
      const papers = piles.get(from!)!;
      piles.set(from!, []);
      finalTotals.set(from!, quota);
      let given = 0;
      for (const paper of papers) {
        // Rule 48(3): (surplus × the paper's value) ÷ the candidate's votes, to five decimal places.
        // In BigInt: a weighted count's surplus × value can pass 2^53.
        const value = Number((BigInt(surplus) * BigInt(paper.value)) / BigInt(votes));
        move({ ...paper, at: paper.at + 1, value });
        given += value * paper.count;
      }
      lost += surplus - given; // the papers' values sum to the candidate's votes, so this is what truncation kept
      endStage({ kind: 'surplus', candidate: from! });
    } else {
      const out = extreme(open, false, 'exclusion');
      excluded.add(out!);
      const papers = piles.get(out!)!;
      piles.set(out!, []);
      for (const paper of papers) move({ ...paper, at: paper.at + 1 });
      endStage({ kind: 'exclusion', candidate: out! });
    }
  }
  return { quota, seats, stages, elected, ties };
}
