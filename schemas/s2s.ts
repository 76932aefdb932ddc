/**
 * valibot schemas of the S2S API (events → elections, signed per org; see
 * shared/common/s2s/signature.ts), used on both ends and turned into the
 * S2S OpenAPI document.
 */
import * as v from 'valibot';
import { BallotMode, Base64Url32, Count, distinct, ElectionKind, OptionId, SealedTally, Uuid } from './common.js';

/** What the ballot box needs of an election to check ballots: fixed once registered. */
export const ElectionDefinition = v.strictObject({
  kind: ElectionKind,
  optionIds: v.pipe(v.array(OptionId), v.minLength(1), v.maxLength(100)),
  maxChoices: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  /** The election's own ballot mode; absent: the deployment's. */
  ballotMode: v.optional(BallotMode),
});
export type ElectionDefinition = v.InferOutput<typeof ElectionDefinition>;

/** The open may set the election's ballot mode (the chair's choice at the open). */
export const OpenRequest = v.strictObject({ ballotMode: v.optional(BallotMode) });
export type OpenRequest = v.InferOutput<typeof OpenRequest>;

export const DefinedAnswer = v.strictObject({ id: Uuid, status: v.literal('draft') });
export type DefinedAnswer = v.InferOutput<typeof DefinedAnswer>;

/** At most this many token hashes a request (about 46 KB of JSON, under the 64 KiB limit). */
export const maxTokenHashes = 1000;

const TokenHashes = v.pipe(
  v.array(v.pipe(Base64Url32, v.description('base64url(SHA-256("tok" ‖ token)).'))),
  v.minLength(1),
  v.maxLength(maxTokenHashes),
  distinct((h) => h, 'token hashes'),
);

export const RegisterTokens = v.strictObject({ tokenHashes: TokenHashes });
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
