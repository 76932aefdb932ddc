/**
 * The run-off after a single choice that no option carried under its rules
 * (docs/rules.md, "Run-offs"): the two options with the most votes. A tie
 * for those places is decided by the rule the election states, never
 * silently: by lot (the order drawn from the sealed root), or by the chair,
 * who names the two among the tied.
 */
import type { Verdict } from './verdict.js';

export function runoffPair(
  verdict: Verdict,
  tieBreak: 'lot' | 'chair',
  lotOrder: readonly string[],
  named?: readonly string[],
): { options: [string, string] } | { problem: string; needsChoice: boolean } {
  if (verdict.kind !== 'single' || (verdict.outcome !== 'no_majority' && verdict.outcome !== 'tie'))
    return { problem: 'a run-off follows a single choice that ended without a majority, or tied', needsChoice: false };
  const ranked = [...verdict.options].sort((a, b) => b.count - a.count);
  if (ranked.length < 2 || ranked[1]!.count === 0)
    return { problem: 'fewer than two options have votes', needsChoice: false };
  // Those certainly in (above the second place's count), and those tied at it for the places left.
  const second = ranked[1]!.count;
  const sure = ranked.filter((o) => o.count > second).map((o) => o.option);
  const tied = ranked.filter((o) => o.count === second).map((o) => o.option);
  if (sure.length + tied.length === 2) return { options: [...sure, ...tied] as [string, string] };
  const left = 2 - sure.length;
  if (tieBreak === 'lot') {
    const drawn = [...tied].sort((a, b) => lotOrder.indexOf(a) - lotOrder.indexOf(b)).slice(0, left);
    return { options: [...sure, ...drawn] as [string, string] };
  }
  const choice = (named ?? []).filter((o) => !sure.includes(o));
  if (
    !named ||
    named.length !== 2 ||
    new Set(named).size !== 2 ||
    !sure.every((o) => named.includes(o)) ||
    choice.length !== left ||
    !choice.every((o) => tied.includes(o))
  )
    return {
      problem: `options: ${tied.join(', ')} are tied for the run-off${sure.length ? ` with ${sure[0]}` : ''}; the chair names the two`,
      needsChoice: true,
    };
  return { options: [named[0]!, named[1]!] };
}
