/**
 * What goes on the ballot of each election kind, decided when a draft is
 * created (docs/api.md):
 * - `yes_no_abstain`: the options are fixed (yes, no, abstain; labels may be
 *   given, e.g. translated), one choice.
 * - `single`: two or more options, one choice.
 * - `multi`: two or more options, 1..maxChoices distinct choices (default: all).
 * - `ranked`: two or more options, a ranking of 1..maxRanks of them, counted
 *   by the method its `ranked` settings name (docs/ranked.md).
 */
import { DomainError } from '../../common/domainError.js';
import type { CreateElectionRequest, ElectionOption } from '../../../schemas/api.js';
import { rankedSettings, type RankedSettings } from '../../../schemas/ranked/settings.js';

export const yesNoAbstain: ElectionOption[] = [
  { id: 'yes', label: 'Yes' },
  { id: 'no', label: 'No' },
  { id: 'abstain', label: 'Abstain' },
];

/** The options and how many of them a voter may choose (a ranked election: rank), and a ranked one's settings. */
export type BallotLayout = { options: ElectionOption[]; maxChoices: number; ranked: RankedSettings | undefined };

const invalid = (message: string) => new DomainError('invalid_request', message);

export function ballotLayout(request: CreateElectionRequest): BallotLayout {
  const { kind, options, maxChoices } = request;
  if (request.ranked && kind !== 'ranked') throw invalid(`ranked: only for kind ranked, not ${kind}`);
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
    return { options: options ?? yesNoAbstain, maxChoices: 1, ranked: undefined };
  }
  if (!options || options.length < 2) throw invalid(`options: ${kind} needs at least two options`);
  if (kind === 'single') {
    if (maxChoices !== undefined && maxChoices !== 1) throw invalid('maxChoices: single allows exactly one choice');
    return { options, maxChoices: 1, ranked: undefined };
  }
  if (kind === 'ranked') {
    if (!request.ranked)
      throw invalid('ranked: kind ranked needs its method ({"method": "stv.scottish"} or "schulze")');
    const settings = rankedSettings(request.ranked, options.length);
    if (typeof settings === 'string') throw invalid(settings);
    if (maxChoices !== undefined && maxChoices !== settings.maxRanks)
      throw invalid('maxChoices: a ranked election sets ranked.maxRanks (maxChoices, if given, must equal it)');
    return { options, maxChoices: settings.maxRanks, ranked: settings };
  }
  const max = maxChoices ?? options.length;
  if (max > options.length) {
    throw invalid(`maxChoices: must be between 1 and the number of options (${options.length})`);
  }
  return { options, maxChoices: max, ranked: undefined };
}
