/**
 * A ranked election's count as the seal publishes it (docs/ranked.md): the
 * settings, the lot's order of the candidates (drawn from the sealed root:
 * shared/common/crypto/lotOrder.ts), who was elected, every tie and how it
 * was broken, and the method's own record: for STV the quota and every
 * stage's totals in units of 10⁻⁵ of a vote, for Schulze the d and p
 * matrices and the full order. Pure, with no Node or browser API: the seal
 * counts with it, and `npm run tracker:verify` and the web app's "check my
 * ballot" count the published tracker again and compare the two texts.
 */
import * as v from 'valibot';
import { Count, OptionId } from '../tallyPrimitives.js';
import { canonical } from '../canonical.js';
import { RankedSettings } from './settings.js';
import { scottishStv, unit } from './stv.js';
import { schulze } from './schulze.js';

export const RankedTie = v.strictObject({
  /** STV: the stage (an index into stages) whose transfer or exclusion the tie decided. */
  stage: v.optional(Count),
  kind: v.pipe(
    v.picklist(['surplus', 'exclusion', 'order']),
    v.description('STV: whose surplus moves first, who is excluded; Schulze: tied in the order at the last seat.'),
  ),
  candidates: v.array(OptionId),
  brokenBy: v.picklist(['look-back', 'lot']),
});

const Candidates = v.array(OptionId);

export const StvStage = v.strictObject({
  action: v.union([
    v.strictObject({ kind: v.literal('first') }),
    v.strictObject({ kind: v.picklist(['surplus', 'exclusion']), candidate: OptionId }),
  ]),
  totals: v.record(OptionId, Count),
  nonTransferable: Count,
  lost: Count,
  elected: Candidates,
  excluded: Candidates,
});

export const RankedCount = v.strictObject({
  ...RankedSettings.entries,
  lot: v.pipe(Candidates, v.description("The candidates in the lot's order, first favoured (docs/rules.md, 'Ties').")),
  elected: v.pipe(Candidates, v.description('In the order they were elected (Schulze: their place in the order).')),
  ties: v.array(RankedTie),
  stv: v.optional(
    v.strictObject({
      unit: v.pipe(Count, v.description('What one vote is in the totals: 100000 (five decimal places).')),
      quota: Count,
      stages: v.array(StvStage),
    }),
  ),
  schulze: v.optional(
    v.strictObject({
      d: v.pipe(v.array(v.array(Count)), v.description('d[i][j]: ballots ranking option i above j (option order).')),
      p: v.pipe(v.array(v.array(Count)), v.description('p[i][j]: the strongest path from i to j, winning votes.')),
      order: v.pipe(v.array(Candidates), v.description('Best first; the options in one group are tied.')),
    }),
  ),
});
export type RankedCount = v.InferOutput<typeof RankedCount>;

/** A tracker's ballot as the count reads it: the ranking, and a weighted election's units as its weight. */
export type RankedBallot = { choices: readonly string[]; units?: number | undefined };

export function countRanked(
  settings: RankedSettings,
  optionIds: readonly string[],
  ballots: readonly RankedBallot[],
  lot: readonly string[],
): RankedCount {
  const weighted = ballots.map((b) => ({ ranking: b.choices, weight: b.units ?? 1 }));
  const base = { method: settings.method, seats: settings.seats, maxRanks: settings.maxRanks, lot: [...lot] };
  if (settings.method === 'stv.scottish') {
    const r = scottishStv(optionIds, settings.seats, weighted, lot);
    return { ...base, elected: r.elected, ties: r.ties, stv: { unit, quota: r.quota, stages: r.stages } };
  }
  const r = schulze(optionIds, weighted);
  // The first `seats` of the order; a group of tied options the last seat falls into is ordered by lot.
  const elected: string[] = [];
  const ties: RankedCount['ties'] = [];
  for (const group of r.order) {
    const left = settings.seats - elected.length;
    if (left <= 0) break;
    if (group.length > left) {
      ties.push({ kind: 'order', candidates: [...group].sort(), brokenBy: 'lot' });
      elected.push(...[...group].sort((a, b) => lot.indexOf(a) - lot.indexOf(b)).slice(0, left));
    } else elected.push(...group);
  }
  return { ...base, elected, ties, schulze: { d: r.d, p: r.p, order: r.order } };
}

/** Where a published count and the tracker's count again differ (none: the same text). */
export function rankedDiffers(
  published: RankedCount,
  optionIds: readonly string[],
  ballots: readonly RankedBallot[],
  lot: readonly string[],
): string | undefined {
  const again = countRanked(published, optionIds, ballots, lot);
  if (canonical(again) === canonical(published)) return undefined;
  if (canonical(again.lot) !== canonical(published.lot)) return "the lot's order is not the one the root draws";
  if (canonical(again.elected) !== canonical(published.elected))
    return `elected: ${again.elected.join(', ')} by the tracker, ${published.elected.join(', ')} in the results`;
  const stages = again.stv?.stages ?? [];
  const at = stages.findIndex((s, i) => canonical(s) !== canonical(published.stv?.stages[i]));
  return at >= 0 ? `stage ${at + 1} differs from the tracker's count` : "the count differs from the tracker's";
}
