/** The few schemas a tally is made of, apart so that common.ts, rules.ts and verdict.ts can all use them. */
import * as v from 'valibot';

export const OptionId = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters of A-Z, a-z, 0-9, _ and -'),
);

export const Count = v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0));

export const ElectionKind = v.picklist(['yes_no_abstain', 'single', 'multi', 'ranked']);
export type ElectionKind = v.InferOutput<typeof ElectionKind>;
