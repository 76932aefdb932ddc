/**
 * "Make the run-off" under a single choice that no option carried
 * (docs/rules.md, "Run-offs"). Where a tie for its two places is the chair's
 * to break (the election's tieBreak), the chair ticks the two first: those
 * ahead of the tie are ticked already and fixed.
 */
import { el } from './dom.js';
import { optionLabel, t, type Strings } from './i18n.js';
import { runoffPair } from '../../schemas/runoff.js';
import type { ElectionResults } from '../../schemas/api.js';

export function runoffControls(
  strings: Strings,
  results: ElectionResults,
  button: (action: () => Promise<unknown>) => HTMLElement,
  make: (options?: string[]) => Promise<unknown>,
): HTMLElement[] {
  const verdict = results.verdict;
  if (!verdict || !results.rules || verdict.kind !== 'single') return [];
  if (verdict.outcome !== 'no_majority' && verdict.outcome !== 'tie') return [];
  const pair = runoffPair(verdict, results.rules.tieBreak, []);
  if ('options' in pair || !pair.needsChoice) return [button(() => make())];
  // The chair names the two: every option with votes, those certainly in fixed.
  const ranked = [...verdict.options].filter((o) => o.count > 0).sort((a, b) => b.count - a.count);
  const second = ranked[1]!.count;
  const labels = new Map(results.options.map((o) => [o.id, optionLabel(strings, o)]));
  const boxes = ranked
    .filter((o) => o.count >= second)
    .map((o) => {
      const box = el('input', { type: 'checkbox', value: o.option, id: `runoff-${results.electionId}-${o.option}` });
      if (o.count > second) box.checked = box.disabled = true;
      return { box, label: el('label', { htmlFor: box.id }, `${labels.get(o.option) ?? o.option} (${o.count})`) };
    });
  const fieldset = el(
    'fieldset',
    { className: 'runoff-choice' },
    el('legend', {}, t(strings, 'chair.runoffChoose')),
    ...boxes.map(({ box, label }) => el('div', {}, box, label)),
  );
  return [fieldset, button(() => make(boxes.filter(({ box }) => box.checked).map(({ box }) => box.value)))];
}
