/**
 * A weighted member's vote as several ballots in fixed denominations
 * (docs/secrecy.md, "Weights"): weight 213 becomes ballots of 100, 100, 10,
 * 1, 1, 1 units, so the tracker shows only denominations, never a weight. A
 * denomination class that few members feed would single them out, so at the
 * open every class above the smallest must be fed by at least `k` distinct
 * members; a class that is not has its members' units go down a class (one
 * ballot of 100 becomes ten of 10), from the largest class down, until every
 * class left passes. Pure and deterministic: the same roster gives the same
 * bundles, so a late registration or a withdrawal derives a member's tokens
 * again from the bundle stored at the open.
 */

/** The denominations: powers of the base, 1 the smallest. */
export const denominationBase = 10;

/** A member's bundle: the units of each of their ballots, largest first. */
export type Bundle = number[];

/** The digits of a weight in the base, as units: 213 → [100, 100, 10, 1, 1, 1]. */
export function decompose(weight: number, base = denominationBase): Bundle {
  if (!Number.isSafeInteger(weight) || weight < 1) throw new RangeError(`a weight is a positive integer: ${weight}`);
  let d = 1;
  while (d * base <= weight) d *= base;
  const bundle: Bundle = [];
  for (let rest = weight; d >= 1; d /= base) for (; rest >= d; rest -= d) bundle.push(d);
  return bundle;
}

/**
 * Every member's bundle, with every class above 1 fed by at least `k` members (or by none). `maxBallots`
 * bounds what going down a class may cost: beyond it the open is refused rather than flooding the ballot box.
 */
export function denominate(
  weights: ReadonlyMap<string, number>,
  k: number,
  maxBallots: number,
  base = denominationBase,
): Map<string, Bundle> {
  const bundles = new Map([...weights].map(([subject, w]) => [subject, decompose(w, base)]));
  const largest = Math.max(1, ...[...bundles.values()].map((b) => b[0] ?? 1));
  // From the largest class down: a class a split fed is checked after it, as it comes next.
  for (let d = largest; d > 1; d /= base) {
    const feeders = [...bundles].filter(([, b]) => b.includes(d));
    if (feeders.length >= k) continue;
    // Too few members in this class: each of theirs goes down one class.
    for (const [subject, bundle] of feeders) {
      bundles.set(
        subject,
        bundle.flatMap((u) => (u === d ? Array<number>(base).fill(d / base) : [u])).sort((a, b) => b - a),
      );
    }
    const ballots = [...bundles.values()].reduce((n, b) => n + b.length, 0);
    if (ballots > maxBallots) throw new TooManyBallots(ballots, maxBallots);
  }
  return bundles;
}

export class TooManyBallots extends Error {
  constructor(
    readonly ballots: number,
    readonly max: number,
  ) {
    super(`the weights need ${ballots} ballots to keep every denomination class at k members; at most ${max}`);
  }
}

/** How many members feed each class of units: what the k-anonymity check is about (heads are not a class). */
export function classSizes(bundles: ReadonlyMap<string, Bundle>): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const bundle of bundles.values())
    for (const d of new Set(bundle)) if (d !== head) sizes[d] = (sizes[d] ?? 0) + 1;
  return sizes;
}

/**
 * A member's "head": one more ballot, of 0 units, at the end of every weighted bundle (migration 000036), so
 * the seal can count the members who voted and what each chose by heads. Every member has exactly one, so its
 * class is everybody and singles out no one; a split cast gives it to the largest part (shared/ballot_box/split.ts).
 */
export const head = 0;

export const withHead = (bundle: Bundle): Bundle => [...bundle, head];

/**
 * A member who becomes eligible after the open: their weight in the classes that already have `k` members or
 * more (and in 1), largest first, so joining the election does not open a class they would be alone in. They
 * still arrive alone, at the tick that registers them: docs/secrecy.md, "Weights", says what that leaves.
 */
export function bundleWithin(weight: number, classSizes: ReadonlyMap<number, number>, k: number): Bundle {
  if (!Number.isSafeInteger(weight) || weight < 1) throw new RangeError(`a weight is a positive integer: ${weight}`);
  const allowed = [...classSizes].filter(([d, n]) => d > 1 && n >= k).map(([d]) => d);
  const bundle: Bundle = [];
  let rest = weight;
  for (const d of [...allowed, 1].sort((a, b) => b - a)) for (; rest >= d; rest -= d) bundle.push(d);
  return bundle;
}
