/**
 * A split cast (`POST …/ballots/batch {tokens, split}`): which of the given
 * ballots goes to which option so that each option gets exactly the units
 * asked for ("70 yes, 30 no" for a holder of 100 units). Each ballot keeps
 * its denomination, so not every split can be made: 70/30 of a single
 * ballot of 100 cannot. Deterministic (the ballots by units, largest first,
 * then by hash; the options by amount, largest first, then by id), so a
 * retry assigns every token as the first try did. A head (0 units, one per
 * member of a weighted bundle: shared/registry/elections/denominations.ts)
 * goes with the largest part: a holder who wants each delegator's head to
 * follow their own choice casts one ballot per member instead.
 */
export type SplitBallot = { key: string; units: number };

/** Option per ballot key, or undefined when the ballots' denominations cannot make the split. */
export function assignSplit(ballots: SplitBallot[], split: Record<string, number>): Map<string, string> | undefined {
  const total = ballots.reduce((n, b) => n + b.units, 0);
  if (Object.values(split).reduce((n, u) => n + u, 0) !== total) return undefined;
  const left = ballots
    .filter((b) => b.units > 0)
    .sort((a, b) => b.units - a.units || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const options = Object.entries(split).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const assigned = new Map(ballots.filter((b) => b.units === 0).map((b) => [b.key, options[0]![0]]));
  for (const [option, amount] of options) {
    let rest = amount;
    for (let i = 0; i < left.length && rest > 0;) {
      if (left[i]!.units <= rest) {
        rest -= left[i]!.units;
        assigned.set(left[i]!.key, option);
        left.splice(i, 1);
      } else i++;
    }
    if (rest !== 0) return undefined;
  }
  return left.length === 0 ? assigned : undefined;
}
