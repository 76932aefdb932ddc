/**
 * How many elections instances a meeting's votes need (docs/capacity.md), by
 * Little's law: the expected attendees arrive over the vote's window when the
 * chair opens it, so ballots come at attendees ÷ window a second, and each
 * instance is planned at `ballotsPerInstance` a second (half of what one took
 * in the deploy shape on two cores it shared with PostgreSQL and the load
 * generator: bench/ANALYSIS.md). At least one instance.
 */
export type Sizing = { voteWindowS: number; ballotsPerInstance: number };

export function instancesFor(attendees: number, sizing: Sizing): number {
  return Math.max(1, Math.ceil(attendees / sizing.voteWindowS / sizing.ballotsPerInstance));
}
