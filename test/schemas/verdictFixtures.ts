/** Counts and rules for the verdict's unit tests (verdict.unit.test.ts, runoff.unit.test.ts). */
import * as v from 'valibot';
import type { Tallies } from '../../schemas/verdict.js';
import { RulesInput, withDefaults } from '../../schemas/rules.js';

/** Tallies counted in heads only (an unweighted election: units are the members). */
export function heads(
  counts: Record<string, number>,
  extra: { entitled?: number; present?: number | null; voted?: number } = {},
): Tallies {
  const options = Object.entries(counts).map(([option, n]) => ({ option, members: n, units: n }));
  const voted = extra.voted ?? options.reduce((s, o) => s + o.members, 0);
  const amount = (n: number) => ({ members: n, units: n });
  return {
    options,
    voted: amount(voted),
    entitled: amount(extra.entitled ?? 1000),
    present: extra.present === null || extra.present === undefined ? null : amount(extra.present),
  };
}
export const rules = (r: v.InferInput<typeof RulesInput>, weighted = false) =>
  withDefaults(v.parse(RulesInput, r), weighted);
export const yna = (yes: number, no: number, abstain: number) => ({ yes, no, abstain });
