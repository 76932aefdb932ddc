/**
 * The chair's view of the roster's weights and proxies (GET …/roster), folded
 * under the room's links and read when unfolded: the active members and their
 * votes by weight, the heaviest members, and the standing delegations (who
 * casts whose vote in the next election opened).
 */
import { el } from './dom.js';
import { problem, t, tn, type Strings } from './i18n.js';
import type { Store } from './store.js';

export function rosterPanel(ctx: { strings: Strings; store: Store }, orgId: string): HTMLElement {
  const { strings } = ctx;
  const body = el('div', {});
  const panel = el('details', { className: 'roster' }, el('summary', {}, t(strings, 'roster.heading')), body);
  const table = (caption: string, head: [string, string], rows: [string, string][]) =>
    el(
      'table',
      { className: 'roster-table' },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows.map(([a, b]) => el('tr', {}, el('th', { scope: 'row' }, a), el('td', {}, b)))),
    );
  panel.addEventListener('toggle', () => {
    if (!panel.open) return;
    body.replaceChildren(el('p', {}, t(strings, 'roster.loading')));
    ctx.store.roster(orgId).then(
      (r) =>
        body.replaceChildren(
          el('p', {}, t(strings, 'roster.totals', { members: String(r.activeMembers), units: String(r.activeUnits) })),
          ...(r.weighted.length
            ? [
                table(
                  tn(strings, 'roster.weighted', r.weightedMembers),
                  [t(strings, 'roster.member'), t(strings, 'roster.weight')],
                  r.weighted.map((w) => [w.subject, String(w.weight)]),
                ),
              ]
            : []),
          r.delegations.length
            ? table(
                tn(strings, 'roster.delegations', r.delegationCount),
                [t(strings, 'roster.member'), t(strings, 'roster.holder')],
                r.delegations.map((d) => [d.subject, d.delegateTo]),
              )
            : el('p', {}, t(strings, 'roster.noDelegations')),
        ),
      (err: unknown) => body.replaceChildren(el('p', { role: 'alert' }, problem(strings, err))),
    );
  });
  return panel;
}
