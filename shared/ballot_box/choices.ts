/**
 * A voter's choices checked against the election's definition: known option
 * ids, no repeats, between 1 and maxChoices. Returned in the definition's
 * option order, so the same choices always store (and compare) the same way;
 * a ranked election's choices are a ranking (best first, docs/ranked.md), so
 * they keep the voter's order: that order is the ballot.
 */
import { DomainError } from '../common/domainError.js';
import type { ElectionKind } from '../../schemas/common.js';

export type ChoiceRules = { optionIds: string[]; maxChoices: number; kind?: ElectionKind };

export function canonicalChoices(rules: ChoiceRules, choices: string[]): string[] {
  const ranked = rules.kind === 'ranked';
  const invalid = (message: string) => new DomainError('invalid_choices', message);
  const [act, acted] = ranked ? ['rank', 'ranked'] : ['choose', 'chosen'];
  if (choices.length < 1) throw invalid(`${act} at least one option`);
  if (choices.length > rules.maxChoices)
    throw invalid(`${act} at most ${rules.maxChoices} option${rules.maxChoices === 1 ? '' : 's'}`);
  const chosen = new Set(choices);
  if (chosen.size !== choices.length) throw invalid(`an option is ${acted} more than once`);
  for (const choice of chosen) if (!rules.optionIds.includes(choice)) throw invalid(`an unknown option is ${acted}`);
  return ranked ? [...choices] : rules.optionIds.filter((id) => chosen.has(id));
}
