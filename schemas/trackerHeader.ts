/**
 * The tracker's header (docs/tracker.md): for an election decided by rules,
 * what its verdict reads beyond the ballots (the rules, who was present at
 * the open, who could vote), under the tracker's root with the ballots, so
 * nobody can publish other rules or other counts beside the same ballots.
 * None for an election without rules: its root is as before.
 */
import * as v from 'valibot';
import { Count } from './tallyPrimitives.js';
import { Rules } from './rules.js';
import { Amount } from './verdict.js';
import { canonical } from './canonical.js';

export const TrackerHeader = v.strictObject({
  rules: Rules,
  present: v.nullable(Amount),
  eligible: Count,
  eligibleUnits: v.optional(Count),
  eligibleVoters: v.optional(Count),
});
export type TrackerHeader = v.InferOutput<typeof TrackerHeader>;

/** The header of sealed results that have rules, or none. */
export function trackerHeader(t: {
  rules?: Rules | undefined;
  present?: Amount | null | undefined;
  eligible: number;
  eligibleUnits?: number | undefined;
  eligibleVoters?: number | undefined;
}): TrackerHeader | undefined {
  if (!t.rules) return undefined;
  return {
    rules: t.rules,
    present: t.present ?? null,
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
