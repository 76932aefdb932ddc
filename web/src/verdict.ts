/**
 * The verdict in one sentence, as a chair announces it (docs/rules.md): "Carried: 66.7 % yes, two thirds
 * required; quorum 4 reached (4 present)." Shown under the results on every member's phone, the chair's console
 * and the projector; nothing for an election without rules.
 */
import { el } from './dom.js';
import { optionLabel, t, type Strings } from './i18n.js';
import type { ElectionResults } from '../../schemas/api.js';

export function verdictSentence(strings: Strings, results: ElectionResults): string | undefined {
  const verdict = results.verdict;
  const rules = results.rules;
  if (!verdict || !rules) return undefined;
  const labels = new Map(results.options.map((o) => [o.id, optionLabel(strings, o)]));
  const names = (ids: readonly string[]) => ids.map((id) => labels.get(id) ?? id).join(', ');
  const head = t(strings, `verdict.${verdict.outcome}`, {
    elected: names(verdict.elected),
    tied: names(verdict.tie?.options ?? []),
  });
  const parts: string[] = [];
  const count = (id: string) => verdict.options.find((o) => o.option === id)?.count ?? 0;
  const majority =
    typeof rules.majority === 'string'
      ? t(strings, `majority.${rules.majority}`)
      : `${rules.majority.num}/${rules.majority.den}`;
  if (verdict.outcome === 'carried' || verdict.outcome === 'rejected') {
    const share = verdict.base ? Math.round((1000 * count('yes')) / verdict.base) / 10 : 0;
    parts.push(t(strings, 'verdict.share', { share: share.toLocaleString(document.documentElement.lang), majority }));
  } else if (verdict.outcome !== 'no_quorum' && verdict.required !== null) {
    parts.push(t(strings, 'verdict.needed', { required: String(verdict.required), base: String(verdict.base) }));
  }
  if (verdict.quorum)
    parts.push(
      t(strings, verdict.quorum.met ? 'verdict.quorumMet' : 'verdict.quorumMissed', {
        required: String(verdict.quorum.required),
        reached: String(verdict.quorum.reached),
        measure: t(strings, `verdict.measure.${verdict.quorum.measure}`),
      }),
    );
  if (verdict.tie?.decidedBy === 'lot') parts.push(t(strings, 'verdict.byLot', { tied: names(verdict.tie.options) }));
  const by = verdict.by === 'units' ? ` ${t(strings, 'verdict.byUnits')}` : '';
  return `${head}${parts.length ? `: ${parts.join('; ')}` : ''}${by}.`;
}

/** The sentence as a paragraph, or nothing. */
export function verdictLine(strings: Strings, results: ElectionResults): HTMLElement[] {
  const sentence = verdictSentence(strings, results);
  return sentence ? [el('p', { className: 'verdict' }, sentence)] : [];
}
