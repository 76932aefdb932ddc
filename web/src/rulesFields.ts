/**
 * The create form's rules (docs/rules.md): which majority decides (or counts
 * only), of what base, an optional quorum (of members present at the open
 * when the vote belongs to the running meeting, else of members voting),
 * and who breaks a tie. The rest keeps its default (members, or units when
 * weighted); the API takes every rule (a custom fraction, heads or units).
 */
import { el } from './dom.js';
import { t, type Strings } from './i18n.js';
import type { ElectionSummary as Election, RulesInput } from '../../schemas/api.js';

const majorities = ['simple', 'absolute', 'two_thirds'] as const;
const bases = ['votes', 'votes_and_abstentions', 'present', 'entitled'] as const;
const tieBreaks = ['chair', 'lot'] as const;

/** A select of `values`, each labelled by its string `rules.<prefix>.<value>`. */
function choice(strings: Strings, id: string, prefix: string, values: readonly string[]) {
  const select = el('select', { id });
  for (const value of values) select.append(el('option', { value }, t(strings, `rules.${prefix}.${value}`)));
  return select;
}

export function rulesFields(strings: Strings, idOf: (name: string) => string, meeting: () => string | undefined) {
  const majority = el('select', { id: idOf('majority') });
  majority.append(el('option', { value: '' }, t(strings, 'rules.none')));
  for (const m of majorities) majority.append(el('option', { value: m }, t(strings, `rules.${m}`)));
  const quorum = el('input', { id: idOf('quorum'), type: 'number', min: '1', inputMode: 'numeric' });
  const quorumLabel = el('label', { htmlFor: quorum.id });
  const base = choice(strings, idOf('base'), 'base', bases);
  const tieBreak = choice(strings, idOf('tie'), 'tie', tieBreaks);
  const more = el(
    'div',
    {},
    el('label', { htmlFor: base.id }, t(strings, 'rules.baseLabel')),
    base,
    quorumLabel,
    quorum,
    el('label', { htmlFor: tieBreak.id }, t(strings, 'rules.tieLabel')),
    tieBreak,
  );
  const fit = () => {
    more.hidden = !majority.value;
    quorumLabel.textContent = t(strings, meeting() ? 'rules.quorumPresent' : 'rules.quorumVoted');
  };
  majority.addEventListener('change', fit);
  majority.addEventListener('focus', fit);
  fit();
  return {
    element: el(
      'div',
      { className: 'rules' },
      el('label', { htmlFor: majority.id }, t(strings, 'rules.majority')),
      majority,
      more,
    ),
    /** The request's rules and meeting: the draft's meeting when editing, else the one running now. */
    value(meetingId = meeting()): { rules?: RulesInput; meetingId?: string } {
      const chosen = majority.value as (typeof majorities)[number] | '';
      const atLeast = Number(quorum.value);
      const rules: RulesInput | undefined = chosen
        ? {
            majority: chosen,
            base: base.value as (typeof bases)[number],
            tieBreak: tieBreak.value as (typeof tieBreaks)[number],
            ...(atLeast >= 1 ? { quorum: { measure: meetingId ? 'present' : 'voted', atLeast } } : {}),
          }
        : undefined;
      return { ...(rules ? { rules } : {}), ...(meetingId ? { meetingId } : {}) };
    },
    fill(from: Election) {
      majority.value = typeof from.rules?.majority === 'string' ? from.rules.majority : '';
      base.value = from.rules?.base ?? 'votes';
      tieBreak.value = from.rules?.tieBreak ?? 'chair';
      const atLeast = from.rules?.quorum?.atLeast;
      quorum.value = typeof atLeast === 'number' ? String(atLeast) : '';
      fit();
    },
    clear() {
      quorum.value = '';
    },
  };
}
