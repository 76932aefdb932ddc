/**
 * The tracker's header (docs/tracker.md): for an election decided by rules,
 * what its verdict reads beyond the ballots (the rules, who was present at
 * the open, who could vote), under the tracker's root with the ballots, so
 * nobody can publish other rules or other counts beside the same ballots;
 * for a ranked election the count's settings (method, seats, most ranks),
 * so nobody can publish another method's result beside the same ballots.
 * None for an election without either: its root is as before.
 */
import * as v from 'valibot';
import { Count } from './tallyPrimitives.js';
import { Rules } from './rules.js';
import { Amount } from './verdict.js';
import { canonical } from './canonical.js';
import { RankedSettings } from './ranked/settings.js';

export const TrackerHeader = v.strictObject({
  rules: v.optional(Rules),
  present: v.optional(v.nullable(Amount)),
  ranked: v.optional(RankedSettings),
  eligible: Count,
  eligibleUnits: v.optional(Count),
  eligibleVoters: v.optional(Count),
});
export type TrackerHeader = v.InferOutput<typeof TrackerHeader>;

/** The header of sealed results that have rules or a ranked count, or none. */
export function trackerHeader(t: {
  rules?: Rules | undefined;
  ranked?: RankedSettings | undefined;
  present?: Amount | null | undefined;
  eligible: number;
  eligibleUnits?: number | undefined;
  eligibleVoters?: number | undefined;
}): TrackerHeader | undefined {
  if (!t.rules && !t.ranked) return undefined;
  return {
    ...(t.rules ? { rules: t.rules, present: t.present ?? null } : {}),
    // Only the settings of a published count (method, seats, maxRanks), not its stages.
    ...(t.ranked ? { ranked: { method: t.ranked.method, seats: t.ranked.seats, maxRanks: t.ranked.maxRanks } } : {}),
    eligible: t.eligible,
    ...(t.eligibleUnits === undefined ? {} : { eligibleUnits: t.eligibleUnits }),
    ...(t.eligibleVoters === undefined ? {} : { eligibleVoters: t.eligibleVoters }),
  };
}

/** What the root hashes of a header: its canonical JSON. */
export const headerText = (header: TrackerHeader): string => canonical(header);

/** Where published results say other than the tracker's header (none: they agree). */
export function headerDiffers(
  published: Parameters<typeof trackerHeader>[0],
  header: TrackerHeader | undefined,
): string | undefined {
  const stated = trackerHeader(published);
  if (!stated && !header) return undefined;
  if (!stated || !header) return stated ? 'the tracker has no header' : 'the results have no rules';
  return canonical(stated) === canonical(header)
    ? undefined
    : 'the results state other rules or counts than the tracker';
}
