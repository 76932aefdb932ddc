/**
 * A ranked election's ballot (docs/ranked.md): the voter adds options to
 * their ranking in the order they prefer them and moves or removes them with
 * buttons, so it works by touch, by keyboard alone and with a screen reader
 * (no dragging). Each button names its option and what it does; every
 * change is announced, and focus stays with the option that moved. At most
 * maxRanks options can be ranked.
 */
import { el } from './dom.js';
import { t, type Strings } from './i18n.js';
import type { ElectionSummary as Election } from '../../schemas/api.js';

export type Picker = { fieldset: HTMLFieldSetElement; chosen: () => string[]; focus: () => void };

export function rankingPicker(
  strings: Strings,
  election: Election,
  idOf: string,
  label: (o: Election['options'][number]) => string,
): Picker {
  const max = election.maxChoices;
  const names = new Map(election.options.map((o) => [o.id, label(o)]));
  const name = (id: string) => names.get(id) ?? id;
  const ranking: string[] = [];
  const listId = `${idOf}-ranking`;
  const rankedList = el('ol', { className: 'ranking', id: listId });
  rankedList.setAttribute('aria-label', t(strings, 'ranking.yours'));
  const empty = el('p', { className: 'hint' }, t(strings, 'ranking.empty'));
  const unranked = el('ul', { className: 'unranked' });
  unranked.setAttribute('aria-label', t(strings, 'ranking.notRanked'));
  const full = el('p', { className: 'hint', hidden: true }, t(strings, 'ranking.full', { max: String(max) }));
  const said = el('p', { className: 'visually-hidden', role: 'status' });
  const fieldset = el(
    'fieldset',
    { className: 'ranked' },
    el(
      'legend',
      {},
      t(strings, max < election.options.length ? 'ranking.rankUpTo' : 'ranking.rankAll', { max: String(max) }),
    ),
    el('p', { className: 'hint' }, t(strings, 'ranking.how')),
    rankedList,
    empty,
    el('h4', {}, t(strings, 'ranking.notRanked')),
    full,
    unranked,
    said,
  );

  const button = (text: string, aria: string, action: string, id: string, disabled = false) => {
    const b = el('button', { type: 'button', className: `rank-${action}`, disabled }, text);
    b.setAttribute('aria-label', aria);
    b.dataset.action = action;
    b.dataset.option = id;
    return b;
  };
  const render = (focus?: { action: string; option: string }) => {
    rankedList.replaceChildren(
      ...ranking.map((id, i) => {
        const place = String(i + 1);
        return el(
          'li',
          {},
          el('span', { className: 'place' }, `${place}.`),
          el('span', { className: 'name' }, name(id)),
          button('▲', t(strings, 'ranking.up', { option: name(id), place }), 'up', id, i === 0),
          button('▼', t(strings, 'ranking.down', { option: name(id), place }), 'down', id, i === ranking.length - 1),
          button('✕', t(strings, 'ranking.remove', { option: name(id) }), 'remove', id),
        );
      }),
    );
    empty.hidden = ranking.length > 0;
    const isFull = ranking.length >= max;
    full.hidden = !isFull;
    const next = String(ranking.length + 1);
    unranked.replaceChildren(
      ...election.options
        .filter((o) => !ranking.includes(o.id))
        .map((o) =>
          el(
            'li',
            {},
            el('span', { className: 'name' }, name(o.id)),
            button(
              t(strings, 'ranking.add'),
              t(strings, 'ranking.addAs', { option: name(o.id), place: next }),
              'add',
              o.id,
              isFull,
            ),
          ),
        ),
    );
    if (!focus) return;
    // Focus stays with the option: its same button if it can still be pressed, else its nearest one.
    const of = (id: string) => [...fieldset.querySelectorAll<HTMLButtonElement>(`button[data-option="${id}"]`)];
    const target =
      of(focus.option).find((b) => b.dataset.action === focus.action && !b.disabled) ??
      of(focus.option).find((b) => !b.disabled) ??
      [...fieldset.querySelectorAll<HTMLButtonElement>('button.rank-add:not(:disabled)')][0] ??
      [...fieldset.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')][0];
    target?.focus();
  };
  fieldset.addEventListener('click', (event) => {
    const b = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    if (!b || b.disabled) return;
    const id = b.dataset.option!;
    const at = ranking.indexOf(id);
    const action = b.dataset.action!;
    if (action === 'add' && ranking.length < max) ranking.push(id);
    else if (action === 'remove') ranking.splice(at, 1);
    else if (action === 'up' && at > 0) ranking.splice(at - 1, 0, ...ranking.splice(at, 1));
    else if (action === 'down' && at < ranking.length - 1) ranking.splice(at + 1, 0, ...ranking.splice(at, 1));
    else return;
    const place = ranking.indexOf(id) + 1;
    said.textContent =
      place > 0
        ? t(strings, 'ranking.isNow', { option: name(id), place: String(place) })
        : t(strings, 'ranking.removed', { option: name(id) });
    // An option added moves focus to the next one to add; one moved or removed keeps it.
    render(action === 'add' ? { action: 'add', option: '' } : { action, option: id });
  });
  render();
  return {
    fieldset,
    chosen: () => [...ranking],
    focus: () => fieldset.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus(),
  };
}

/** The review's words for a ranking: "1. Alice, 2. Bob". */
export const rankingWords = (ranking: readonly string[], label: (id: string) => string): string =>
  ranking.map((id, i) => `${i + 1}. ${label(id)}`).join(', ');
