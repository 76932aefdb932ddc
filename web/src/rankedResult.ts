/**
 * A ranked election's sealed count for the chair, the projector and every
 * member (docs/ranked.md): who was elected by which method, every tie and
 * how it was broken, and the count itself: for STV a table of each
 * candidate's votes at every stage (five decimal places, as counted), the
 * non-transferable votes and what truncation lost, and each candidate's
 * fate; for Schulze the full order and the pairwise preferences (d).
 * Wide tables scroll inside their own focusable region, so a 360 px phone
 * and a keyboard reach every column.
 */
import { el } from './dom.js';
import { optionLabel, t, tn, type Strings } from './i18n.js';
import type { ElectionResults } from '../../schemas/api.js';
import type { RankedCount } from '../../schemas/ranked/count.js';

type Options = ElectionResults['options'];

export function rankedResult(strings: Strings, options: Options, count: RankedCount): HTMLElement[] {
  const labels = new Map(options.map((o) => [o.id, optionLabel(strings, o)]));
  const name = (id: string) => labels.get(id) ?? id;
  const list = (ids: readonly string[]) => ids.map(name).join(', ');
  const method = t(strings, `ranked.method.${count.method}`);
  const parts: HTMLElement[] = [
    el(
      'p',
      { className: 'verdict' },
      tn(strings, 'ranked.elected', count.seats, { elected: list(count.elected), method }),
    ),
    ...count.ties.map((tie) =>
      el(
        'p',
        { className: 'tie' },
        t(strings, `ranked.tie.${tie.kind}`, {
          candidates: list(tie.candidates),
          stage: String((tie.stage ?? 0) + 1),
          by: t(strings, `ranked.by.${tie.brokenBy}`),
        }),
      ),
    ),
  ];
  if (count.stv) parts.push(...stvTable(strings, options, count, name));
  if (count.schulze) parts.push(...schulzeView(strings, options, count.schulze, name));
  return parts;
}

let tables = 0;

/**
 * A table wider than the screen scrolls in a region the keyboard can focus (axe: scrollable-region-focusable),
 * its title above it (a caption would be as wide as the table, and scroll away on a phone).
 */
function scrolling(table: HTMLTableElement, title: string, label: string): HTMLElement[] {
  const id = `ranked-table-${++tables}`;
  table.setAttribute('aria-labelledby', id);
  const region = el('div', { className: 'table-scroll', tabIndex: 0 }, table);
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', label);
  return [el('p', { className: 'table-title', id }, title), region];
}

/** Fixed-point units (10⁻⁵ of a vote) as a decimal, exactly as counted. */
const decimal = (strings: Strings, units: number, unit: number) =>
  `${Math.floor(units / unit)}${t(strings, 'number.decimal')}${String(units % unit).padStart(String(unit).length - 1, '0')}`;

function stvTable(strings: Strings, options: Options, count: RankedCount, name: (id: string) => string): HTMLElement[] {
  const { stv } = count;
  const { unit, stages } = stv!;
  const votes = (units: number) => decimal(strings, units, unit);
  const heading = (s: (typeof stages)[number], i: number) =>
    s.action.kind === 'first'
      ? t(strings, 'ranked.stage.first', { stage: String(i + 1) })
      : t(strings, `ranked.stage.${s.action.kind}`, { stage: String(i + 1), candidate: name(s.action.candidate) });
  const fate = (id: string) => {
    const elected = stages.findIndex((s) => s.elected.includes(id));
    const excluded = stages.findIndex((s) => s.excluded.includes(id));
    if (elected >= 0) return t(strings, 'ranked.fate.elected', { stage: String(elected + 1) });
    if (excluded >= 0) return t(strings, 'ranked.fate.excluded', { stage: String(excluded + 1) });
    return t(strings, 'ranked.fate.notElected');
  };
  const row = (label: string, cells: string[], last = '') =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, label),
      ...cells.map((c) => el('td', { className: 'num' }, c)),
      el('td', {}, last),
    );
  const table = el(
    'table',
    { className: 'results stages' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t(strings, 'ranked.candidate')),
        ...stages.map((s, i) => el('th', { scope: 'col' }, heading(s, i))),
        el('th', { scope: 'col' }, t(strings, 'ranked.fate')),
      ),
    ),
    el(
      'tbody',
      {},
      ...options.map((o) =>
        row(
          name(o.id),
          stages.map((s) => votes(s.totals[o.id] ?? 0)),
          fate(o.id),
        ),
      ),
      row(
        t(strings, 'ranked.nonTransferable'),
        stages.map((s) => votes(s.nonTransferable)),
      ),
      row(
        t(strings, 'ranked.lost'),
        stages.map((s) => votes(s.lost)),
      ),
    ),
  );
  return scrolling(table, t(strings, 'ranked.stages', { quota: votes(stv!.quota) }), t(strings, 'ranked.stagesRegion'));
}

function schulzeView(
  strings: Strings,
  options: Options,
  schulze: NonNullable<RankedCount['schulze']>,
  name: (id: string) => string,
): HTMLElement[] {
  const order = el(
    'ol',
    { className: 'order' },
    ...schulze.order.map((group) => el('li', {}, group.map(name).join(' = '))),
  );
  order.setAttribute('aria-label', t(strings, 'ranked.order'));
  const ids = options.map((o) => o.id);
  const table = el(
    'table',
    { className: 'results pairwise' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('td', {}),
        ...ids.map((id) => el('th', { scope: 'col' }, t(strings, 'ranked.over', { candidate: name(id) }))),
      ),
    ),
    el(
      'tbody',
      {},
      ...ids.map((a, i) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, name(a)),
          ...ids.map((_, j) => el('td', { className: 'num' }, i === j ? '–' : String(schulze.d[i]![j]))),
        ),
      ),
    ),
  );
  return [
    el('h4', {}, t(strings, 'ranked.order')),
    order,
    ...scrolling(table, t(strings, 'ranked.pairwise'), t(strings, 'ranked.pairwiseRegion')),
  ];
}
