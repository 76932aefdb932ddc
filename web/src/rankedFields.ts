/**
 * The create form's settings for a ranked vote (docs/ranked.md): the count
 * (Scottish STV, or Schulze), the seats it fills and how many options a
 * ballot may rank (empty: all; fewer make a full ranking less usable as a
 * signature a coercer could demand).
 */
import { el } from './dom.js';
import { t, type Strings } from './i18n.js';
import type { ElectionSummary as Election, RankedInput } from '../../schemas/api.js';

export function rankedFields(strings: Strings, idOf: (name: string) => string) {
  const method = el('select', { id: idOf('method') });
  for (const m of ['stv.scottish', 'schulze'] as const)
    method.append(el('option', { value: m }, t(strings, `ranked.method.${m}`)));
  const seats = el('input', { id: idOf('seats'), type: 'number', min: '1', inputMode: 'numeric', value: '1' });
  const maxRanks = el('input', { id: idOf('maxRanks'), type: 'number', min: '1', inputMode: 'numeric' });
  const element = el(
    'div',
    { className: 'ranked-fields' },
    el('label', { htmlFor: method.id }, t(strings, 'chair.method')),
    method,
    el('label', { htmlFor: seats.id }, t(strings, 'chair.seats')),
    seats,
    el('label', { htmlFor: maxRanks.id }, t(strings, 'chair.maxRanks')),
    maxRanks,
  );
  return {
    element,
    /** The fields a refusal may name ("ranked.seats: …" is said under the seats). */
    fields: { ranked: method, 'ranked.method': method, 'ranked.seats': seats, 'ranked.maxRanks': maxRanks },
    value: (): RankedInput => ({
      method: method.value as RankedInput['method'],
      ...(seats.value ? { seats: Number(seats.value) } : {}),
      ...(maxRanks.value ? { maxRanks: Number(maxRanks.value) } : {}),
    }),
    fill: (from: Election) => {
      method.value = from.ranked?.method ?? 'stv.scottish';
      seats.value = String(from.ranked?.seats ?? 1);
      maxRanks.value = from.ranked && from.ranked.maxRanks < from.options.length ? String(from.ranked.maxRanks) : '';
    },
  };
}
