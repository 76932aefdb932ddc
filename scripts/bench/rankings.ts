/**
 * Random rankings for the ranked counts' benchmark and their property test: each candidate gets a strength
 * (0.2–1.2), each ballot ranks a random number of them, one at a time in proportion to the strengths of those
 * left (Plackett–Luce), so some candidates are preferred and the rankings are truncated, as in a real vote.
 * `random` gives numbers in [0, 1): Math.random, or a seeded generator so a profile can be drawn again.
 */
export function randomRankings(candidates: readonly string[], ballots: number, random: () => number): string[][] {
  const strength = candidates.map(() => 0.2 + random());
  return Array.from({ length: ballots }, () => {
    const left = [...candidates.keys()];
    const length = 1 + Math.floor(random() * candidates.length);
    const ranking: string[] = [];
    while (ranking.length < length) {
      let pick = random() * left.reduce((s, i) => s + strength[i]!, 0);
      const at = left.findIndex((i) => (pick -= strength[i]!) < 0);
      ranking.push(candidates[left.splice(at < 0 ? left.length - 1 : at, 1)[0]!]!);
    }
    return ranking;
  });
}
