/**
 * valibot schemas of the S2S API (events → elections, signed per org; see
 * shared/common/s2s/signature.ts), used on both ends and turned into the
 * S2S OpenAPI document.
 */
import * as v from 'valibot';
import { BallotMode, Base64Url32, Count, distinct, ElectionKind, OptionId, SealedTally, Uuid } from './common.js';
import { Rules } from './rules.js';
import { RankedSettings } from './ranked/settings.js';
import { Amount } from './verdict.js';

type Definition = {
  kind: ElectionKind;
  optionIds: string[];
  maxChoices: number;
  ranked?: RankedSettings | undefined;
};

/**
 * What makes a definition one of its kind (as shared/registry/elections/ballotLayout.ts lays a ballot out when a
 * draft is created): yes_no_abstain is yes, no and abstain with one choice; single is two or more options with one;
 * multi is two or more with 1..all. The problem, or undefined.
 */
export function definitionProblem({ kind, optionIds, maxChoices, ranked }: Definition): string | undefined {
  if (new Set(optionIds).size !== optionIds.length) return 'optionIds must be distinct';
  if ((kind === 'ranked') !== (ranked !== undefined)) return 'ranked: given for kind ranked, and only for it';
  if (kind === 'yes_no_abstain') {
    if ([...optionIds].sort().join(',') !== 'abstain,no,yes')
      return 'optionIds: yes_no_abstain takes exactly yes, no and abstain';
    return maxChoices === 1 ? undefined : 'maxChoices: yes_no_abstain allows exactly one choice';
  }
  if (optionIds.length < 2) return `optionIds: ${kind} needs at least two options`;
  if (kind === 'single' && maxChoices !== 1) return 'maxChoices: single allows exactly one choice';
  if (ranked && ranked.seats >= optionIds.length) return 'ranked.seats: fewer than the options';
  if (ranked && ranked.maxRanks !== maxChoices) return 'maxChoices: equal to ranked.maxRanks';
  return maxChoices > optionIds.length ? 'maxChoices: at most the number of options' : undefined;
}

/** What the ballot box needs of an election to check ballots: fixed once registered, and consistent for its kind. */
export const ElectionDefinition = v.pipe(
  v.strictObject({
    kind: ElectionKind,
    optionIds: v.pipe(v.array(OptionId), v.minLength(1), v.maxLength(100)),
    maxChoices: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
    /** The election's own ballot mode; absent: the deployment's (or, for a definition sent again, unchanged). */
    ballotMode: v.optional(BallotMode),
    /** The registry's revision of the draft (each edit raises it); absent: 1. */
    revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
    /** Weighted: each token carries units, and the tracker shows each ballot's (absent: false). */
    weighted: v.optional(v.boolean()),
    /** The rules the seal decides the verdict by (absent: counts only). */
    rules: v.optional(Rules),
    /** A ranked election's count: its method, seats and most ranks (= maxChoices). */
    ranked: v.optional(RankedSettings),
  }),
  v.check(
    (d) => definitionProblem(d) === undefined,
    (issue) => definitionProblem(issue.input as Definition) ?? 'inconsistent definition',
  ),
  v.description(
    'Consistent for its kind: yes_no_abstain is exactly yes, no and abstain with maxChoices 1; single is two or more ' +
      'distinct options with maxChoices 1; multi is two or more with maxChoices 1..the number of options; ranked is ' +
      'two or more with its settings (seats fewer than the options, maxRanks = maxChoices), which no other kind has.',
  ),
);
export type ElectionDefinition = v.InferOutput<typeof ElectionDefinition>;

/** The open may set the election's ballot mode (the chair's choice at the open). */
export const OpenRequest = v.strictObject({
  ballotMode: v.optional(BallotMode),
  /** Who was present at the open (an election in a meeting): what the verdict's rules count as present. */
  present: v.optional(Amount),
});
export type OpenRequest = v.InferOutput<typeof OpenRequest>;

export const DefinedAnswer = v.strictObject({ id: Uuid, status: v.literal('draft') });
export type DefinedAnswer = v.InferOutput<typeof DefinedAnswer>;

/**
 * How long a draft's definition is kept after the ballot box last heard it, before a request to forget it is
 * obeyed: far beyond any creation's deadline (seconds).
 */
export const keepUnrecordedDraftMs = 10 * 60_000;
export const ForgottenAnswer = v.strictObject({ id: Uuid, forgotten: v.boolean() });
export type ForgottenAnswer = v.InferOutput<typeof ForgottenAnswer>;

/** At most this many token hashes a request (about 46 KB of JSON, under the 64 KiB limit). */
export const maxTokenHashes = 1000;

const TokenHashes = v.pipe(
  v.array(v.pipe(Base64Url32, v.description('base64url(SHA-256("tok" ‖ token)).'))),
  v.minLength(1),
  v.maxLength(maxTokenHashes),
  distinct((h) => h, 'token hashes'),
  v.metadata({ uniqueItems: true }),
);

/** The most units one token may carry (a ballot's denomination). */
export const maxUnits = 1_000_000;

export const RegisterTokens = v.pipe(
  v.strictObject({
    tokenHashes: TokenHashes,
    units: v.optional(
      v.pipe(
        v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(maxUnits))),
        v.description(
          "Each token's units, in the order of tokenHashes (a weighted election; 0: a member's head); absent: 1 each.",
        ),
      ),
    ),
  }),
  v.check((r) => r.units === undefined || r.units.length === r.tokenHashes.length, 'one units value per token hash'),
);
export type RegisterTokens = v.InferOutput<typeof RegisterTokens>;

export const RegisteredAnswer = v.strictObject({ created: Count });
export type RegisteredAnswer = v.InferOutput<typeof RegisteredAnswer>;

export const WithdrawTokens = v.strictObject({ tokenHashes: TokenHashes });
export type WithdrawTokens = v.InferOutput<typeof WithdrawTokens>;

/** `withdrawn`: unused tokens taken back; `used`: tokens that had already voted (they stay counted). */
export const WithdrawnAnswer = v.strictObject({ withdrawn: Count, used: Count });
export type WithdrawnAnswer = v.InferOutput<typeof WithdrawnAnswer>;

export const OpenedAnswer = v.strictObject({ status: v.literal('open') });
export type OpenedAnswer = v.InferOutput<typeof OpenedAnswer>;

export const SealedAnswer = v.strictObject({ status: v.literal('sealed'), results: SealedTally });
export type SealedAnswer = v.InferOutput<typeof SealedAnswer>;
