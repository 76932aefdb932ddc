/**
 * The create form's rules (docs/rules.md): which majority decides (or counts
 * only), and an optional quorum, of members present at the open when the
 * vote belongs to the running meeting, else of members voting. The rest of
 * a rule keeps its default (base: the votes; members, or units when
 * weighted; ties to the chair).
 */
import { el } from './dom.js';
import { t, type Strings } from './i18n.js';
import type { ElectionSummary as Election, RulesInput } from '../../schemas/api.js';

const majorities = ['simple', 'absolute', 'two_thirds'] as const;

export function rulesFields(strings: Strings, idOf: (name: string) => string, meeting: () => string | undefined) {
  const majority = el('select', { id: idOf('majority') });
  majority.append(el('option', { value: '' }, t(strings, 'rules.none')));
  for (const m of majorities) majority.append(el('option', { value: m }, t(strings, `rules.${m}`)));
  const quorum = el('input', { id: idOf('quorum'), type: 'number', min: '1', inputMode: 'numeric' });
  const quorumLabel = el('label', { htmlFor: quorum.id });
  const quorumField = el('div', {}, quorumLabel, quorum);
  const fit = () => {
    quorumField.hidden = !majority.value;
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
      quorumField,
    ),
    /** The request's rules and meeting: the draft's meeting when editing, else the one running now. */
    value(meetingId = meeting()): { rules?: RulesInput; meetingId?: string } {
      const chosen = majority.value as (typeof majorities)[number] | '';
      const atLeast = Number(quorum.value);
      const rules: RulesInput | undefined = chosen
        ? {
            majority: chosen,
            ...(atLeast >= 1 ? { quorum: { measure: meetingId ? 'present' : 'voted', atLeast } } : {}),
          }
        : undefined;
      return { ...(rules ? { rules } : {}), ...(meetingId ? { meetingId } : {}) };
    },
    fill(from: Election) {
      majority.value = typeof from.rules?.majority === 'string' ? from.rules.majority : '';
      const atLeast = from.rules?.quorum?.atLeast;
      quorum.value = typeof atLeast === 'number' ? String(atLeast) : '';
      fit();
    },
    clear() {
      quorum.value = '';
    },
  };
}
