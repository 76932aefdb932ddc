/**
 * A ranked election's settings (docs/ranked.md): the count's method, the
 * seats it fills and how many options a ballot may rank. Given at creation
 * (`ranked` in the request, defaults filled in), sent to the ballot box with
 * the definition, and hashed into the tracker's header so nobody can publish
 * another method or another number of seats beside the same ballots.
 */
import * as v from 'valibot';

export const RankedMethod = v.pipe(
  v.picklist(['stv.scottish', 'schulze']),
  v.description(
    'stv.scottish: the Scottish STV Rules 2007 (Droop quota, weighted inclusive Gregory transfers at five decimal ' +
      'places, ties by look-back then lot; one seat is IRV). schulze: pairwise preferences, strongest paths by ' +
      'winning votes, a full order; its first `seats` are elected.',
  ),
);
export type RankedMethod = v.InferOutput<typeof RankedMethod>;

const Seats = v.pipe(
  v.number(),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be at least 1'),
  v.maxValue(99),
);
const MaxRanks = v.pipe(
  v.number(),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be at least 1'),
  v.maxValue(100),
);

/** As stored and published: every default filled in. */
export const RankedSettings = v.strictObject({ method: RankedMethod, seats: Seats, maxRanks: MaxRanks });
export type RankedSettings = v.InferOutput<typeof RankedSettings>;

/** As a request gives it: seats default 1, maxRanks default every option. */
export const RankedInput = v.pipe(
  v.strictObject({ method: RankedMethod, seats: v.optional(Seats), maxRanks: v.optional(MaxRanks) }),
  v.description(
    'Required for kind ranked, refused for the others. seats: 1..the options less one (default 1); maxRanks: how ' +
      'many options a ballot may rank, 1..all (default all). Fewer ranks make a full ranking less usable as a ' +
      "signature a coercer demands (docs/threat-model.md, 'Ranked ballots').",
  ),
);
export type RankedInput = v.InferOutput<typeof RankedInput>;

/** The settings with defaults, or the problem with them for this many options. */
export function rankedSettings(input: RankedInput, options: number): RankedSettings | string {
  const seats = input.seats ?? 1;
  const maxRanks = input.maxRanks ?? options;
  if (seats >= options) return `ranked.seats: must be fewer than the options (${options})`;
  if (maxRanks > options) return `ranked.maxRanks: at most the number of options (${options})`;
  return { method: input.method, seats, maxRanks };
}
