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
 * - Ties (equal surpluses, equal fewest votes, and the order of those
 *   elected at one stage): look back to the earliest stage at which the
 *   tied had unequal votes; equal at every stage, the lot (an order of the
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
  kind: 'surplus' | 'exclusion' | 'election';
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
  /** Orders tied candidates: by the earliest stage at which their votes differed (`higher` first or lower), else lot. */
  const breakTie = (tied: string[], higher: boolean, kind: StvTie['kind']): string[] => {
    const sorted = [...tied].sort((a, b) => {
      for (const stage of history)
        if (stage[a] !== stage[b]) return higher ? stage[b]! - stage[a]! : stage[a]! - stage[b]!;
      // The lot favours the first in its order: elected or transferred first, excluded last.
      return higher ? lotOrder.indexOf(a) - lotOrder.indexOf(b) : lotOrder.indexOf(b) - lotOrder.indexOf(a);
    });
    const differed = history.some((stage) => new Set(tied.map((c) => stage[c])).size > 1);
    ties.push({ stage: stages.length, kind, candidates: [...tied].sort(), brokenBy: differed ? 'look-back' : 'lot' });
    return sorted;
  };
  /** Sorts by votes (most first, or fewest first), breaking each run of equals. */
  const ranked = (cs: string[], most: boolean, kind: StvTie['kind']): string[] => {
    const byVotes = new Map<number, string[]>();
    for (const c of cs) byVotes.set(total(c), [...(byVotes.get(total(c)) ?? []), c]);
    return [...byVotes.keys()]
      .sort((a, b) => (most ? b - a : a - b))
      .flatMap((v) => (byVotes.get(v)!.length > 1 ? breakTie(byVotes.get(v)!, most, kind) : byVotes.get(v)!));
  };
  const endStage = (action: StvStage['action']) => {
    // Everyone at or above the quota is elected, the most votes first.
    for (const c of ranked(
      continuing().filter((c) => total(c) >= quota),
      true,
      'election',
    )) {
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
      for (const c of ranked(open, true, 'election')) elected.push(c);
      stages[stages.length - 1]!.elected = [...elected];
      break;
    }
    if (withSurplus.length) {
      // The largest surplus first; equal ones by look-back, then lot.
      const [from] = ranked(withSurplus, true, 'surplus');
      withSurplus.splice(withSurplus.indexOf(from!), 1);
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
      const [out] = ranked(open, false, 'exclusion');
      excluded.add(out!);
      const papers = piles.get(out!)!;
      piles.set(out!, []);
      for (const paper of papers) move({ ...paper, at: paper.at + 1 });
      endStage({ kind: 'exclusion', candidate: out! });
    }
  }
  return { quota, seats, stages, elected, ties };
}
