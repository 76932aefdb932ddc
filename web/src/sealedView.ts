/**
 * A sealed election's results as the chair's console, the projector and a member's card show them: a ranked
 * election's count with its stages (rankedResult.ts), else the verdict where the election has rules (verdict.ts)
 * and a table of the options' counts (each place its own: plain, or with bars on the projector).
 */
import { el } from './dom.js';
import { counted, optionLabel, resultsCaption, type Strings } from './i18n.js';
import type { ElectionResults } from '../../schemas/api.js';
import { rankedResult } from './rankedResult.js';
import { verdictLine } from './verdict.js';

export function sealedView(
  strings: Strings,
  body: ElectionResults,
  table: () => HTMLElement,
  withBase = false,
): HTMLElement[] {
  if (body.ranked)
    return [
      el('p', { className: 'caption' }, resultsCaption(strings, body, withBase)),
      ...rankedResult(strings, body.options, body.ranked),
    ];
  return [...verdictLine(strings, body), table()];
}

/** Each option and its count (units in a weighted election), under the results' caption. */
export function optionsTable(strings: Strings, body: ElectionResults): HTMLElement {
  return el(
    'table',
    { className: 'results' },
    el('caption', {}, resultsCaption(strings, body)),
    el(
      'tbody',
      {},
      ...body.options.map((o) =>
        el('tr', {}, el('th', { scope: 'row' }, optionLabel(strings, o)), el('td', {}, String(counted(o)))),
      ),
    ),
  );
}
