/**
 * A voter's choices checked against the election's definition: known option
 * ids, no repeats, between 1 and maxChoices. Returned in the definition's
 * option order, so the same choices always store (and compare) the same way.
 */
import { DomainError } from '../common/domainError.js';

export type ChoiceRules = { optionIds: string[]; maxChoices: number };

export function canonicalChoices(rules: ChoiceRules, choices: string[]): string[] {
  const invalid = (message: string) => new DomainError('invalid_choices', message);
  if (choices.length < 1) throw invalid('choose at least one option');
  if (choices.length > rules.maxChoices)
    throw invalid(`choose at most ${rules.maxChoices} option${rules.maxChoices === 1 ? '' : 's'}`);
  const chosen = new Set(choices);
  if (chosen.size !== choices.length) throw invalid('an option is chosen more than once');
  for (const choice of chosen) if (!rules.optionIds.includes(choice)) throw invalid('an unknown option is chosen');
  return rules.optionIds.filter((id) => chosen.has(id));
}
