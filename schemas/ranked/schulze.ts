/**
 * The Schulze method (issue 26; docs to follow with the ranked ballot):
 * pairwise preferences d, strongest paths p by winning votes, and the full
 * order they give (groups of candidates nobody remaining beats, a group of
 * more than one a tie) with the winner set first. Ballots carry weights
 * (a weighted election's units; 1 each otherwise). A ballot ranks some or
 * all candidates, best first; the candidates it leaves out rank below all it
 * names, tied among themselves. Integers only, deterministic, pure.
 */
export type RankedBallot = { ranking: readonly string[]; weight?: number };

export type SchulzeResult = {
  candidates: string[];
  /** d[i][j]: the weight of ballots that rank candidates[i] above candidates[j]. */
  d: number[][];
  /** p[i][j]: the strength of the strongest path from candidates[i] to candidates[j] (winning votes). */
  p: number[][];
  /** Best first; candidates in one group are tied. */
  order: string[][];
  winners: string[];
};

export function schulze(candidates: readonly string[], ballots: readonly RankedBallot[]): SchulzeResult {
  const n = candidates.length;
  const index = new Map(candidates.map((c, i) => [c, i]));
  const d = Array.from({ length: n }, () => Array<number>(n).fill(0));
  for (const { ranking, weight = 1 } of ballots) {
    // Rank of each candidate on this ballot: its place, or n for one it leaves out.
    const place = Array<number>(n).fill(n);
    ranking.forEach((c, r) => {
      const i = index.get(c);
      if (i === undefined) throw new RangeError(`unknown candidate ${c}`);
      place[i] = r;
    });
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (place[i]! < place[j]!) d[i]![j]! += weight;
  }
  const p = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i !== j && d[i]![j]! > d[j]![i]! ? d[i]![j]! : 0)),
  );
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      if (i !== k)
        for (let j = 0; j < n; j++)
          if (j !== i && j !== k) p[i]![j] = Math.max(p[i]![j]!, Math.min(p[i]![k]!, p[k]![j]!));
  // The order: repeatedly, the remaining candidates no remaining candidate beats.
  const order: string[][] = [];
  let left = candidates.map((_, i) => i);
  while (left.length) {
    const top = left.filter((i) => left.every((j) => j === i || p[i]![j]! >= p[j]![i]!));
    order.push(top.map((i) => candidates[i]!));
    left = left.filter((i) => !top.includes(i));
  }
  return { candidates: [...candidates], d, p, order, winners: order[0] ?? [] };
}
