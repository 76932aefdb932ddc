/**
 * What goes on the ballot of each election kind, decided when a draft is
 * created (docs/api.md):
 * - `yes_no_abstain`: the options are fixed (yes, no, abstain; labels may be
 *   given, e.g. translated), one choice.
 * - `single`: two or more options, one choice.
 * - `multi`: two or more options, 1..maxChoices distinct choices (default: all).
 */
import { DomainError } from '../../common/domainError.js';
import type { CreateElectionRequest, ElectionOption } from '../../../schemas/api.js';

export const yesNoAbstain: ElectionOption[] = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
  { id: 'abstain', label: 'Abstain' },
];

/** The options and how many of them a voter may choose. */
export type BallotLayout = { options: ElectionOption[]; maxChoices: number };

const invalid = (message: string) => new DomainError('invalid_request', message);

export function ballotLayout(request: CreateElectionRequest): BallotLayout {
  const { kind, options, maxChoices } = request;
  if (kind === 'yes_no_abstain') {
    const ids = options
      ?.map((o) => o.id)
      .sort()
      .join(',');
    if (options && ids !== 'abstain,no,yes') {
      throw invalid('options: yes_no_abstain takes exactly the options yes, no and abstain');
    }
    if (maxChoices !== undefined && maxChoices !== 1)
      throw invalid('maxChoices: yes_no_abstain allows exactly one choice');
    return { options: options ?? yesNoAbstain, maxChoices: 1 };
  }
  if (!options || options.length < 2) throw invalid(`options: ${kind} needs at least two options`);
  if (kind === 'single') {
    if (maxChoices !== undefined && maxChoices !== 1) throw invalid('maxChoices: single allows exactly one choice');
    return { options, maxChoices: 1 };
  }
  const max = maxChoices ?? options.length;
  if (max > options.length) {
    throw invalid(`maxChoices: must be between 1 and the number of options (${options.length})`);
  }
  return { options, maxChoices: max };
}
