/**
 * valibot schemas of the voting side of the public HTTP contract (docs/api.md):
 * a member's tokens, casting one ballot or a batch, receipts, the published
 * tally and the tracker. Re-exported by schemas/api.ts, the contract's one
 * entry point.
 */
import * as v from 'valibot';
import { TrackerHeader } from './trackerHeader.js';
import { Base64Url32, Count, distinct, OptionId, SealedTally, Subject, Uuid } from './common.js';

export const CastBallotRequest = v.strictObject({
  choices: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(64))),
    v.maxLength(100),
    v.description("Option ids, checked against the election's rules (400 invalid_choices)."),
  ),
});
export type CastBallotRequest = v.InferOutput<typeof CastBallotRequest>;

/** At most this many tokens a batch (a holder's own bundle and their delegators'). */
export const maxBatchTokens = 500;

export const CastBatchRequest = v.pipe(
  v.strictObject({
    tokens: v.pipe(
      v.array(
        v.pipe(Base64Url32, v.description('A voting token (the batch carries them in the body, not as Bearer).')),
      ),
      v.minLength(1),
      v.maxLength(maxBatchTokens),
      distinct((t: string) => t, 'tokens'),
      v.metadata({ uniqueItems: true }),
    ),
    choices: v.optional(CastBallotRequest.entries.choices),
    split: v.optional(
      v.pipe(
        v.record(
          v.pipe(v.string(), v.maxLength(64)),
          v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(1_000_000_000)),
        ),
        v.description(
          'Units per option, summing to the units of the tokens ({"yes": 70, "no": 30}); each ballot keeps its ' +
            'denomination, so the split must be one the ballots can make (400 invalid_choices otherwise); the ' +
            "members' heads (0 units) go with the largest part. Only for elections of one choice a ballot.",
        ),
      ),
    ),
  }),
  v.check((b) => (b.choices === undefined) !== (b.split === undefined), 'give either choices or split'),
);
export type CastBatchRequest = v.InferOutput<typeof CastBatchRequest>;

export const ReceiptStatusRequest = v.strictObject({
  receipt: v.pipe(Base64Url32, v.description('The receipt the cast answered: base64url(SHA-256("rcpt" ‖ token)).')),
});
export type ReceiptStatusRequest = v.InferOutput<typeof ReceiptStatusRequest>;

const VotingToken = {
  token: v.pipe(Base64Url32, v.description('The voting token: the Bearer credential of the cast.')),
  receipt: v.pipe(Base64Url32, v.description('base64url(SHA-256("rcpt" ‖ token)): what the tracker lists.')),
};

export const TokenResponse = v.strictObject({
  ...VotingToken,
  proxies: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          subject: Subject,
          ...VotingToken,
          tokens: v.optional(v.array(v.strictObject({ ...VotingToken, units: Count }))),
        }),
      ),
      v.description(
        'The members whose vote this member holds in this election (their delegations stood at its open): each ' +
          "one's token (and, weighted, bundle), cast like one's own. The delegators themselves are refused " +
          '(409 held_by_proxy).',
      ),
    ),
  ),
  tokens: v.optional(
    v.pipe(
      v.array(v.strictObject({ ...VotingToken, units: Count })),
      v.description(
        "A weighted election: every token of the member's bundle with its units (token and receipt above are the " +
          "first), the last of 0 units, the member's head, counted as their one voice among the voters; cast each " +
          'with the same choices. Absent: one token.',
      ),
    ),
  ),
});
export type TokenResponse = v.InferOutput<typeof TokenResponse>;

export const BallotStatus = v.picklist(['counted', 'queued']);

export const CastBallotResponse = v.strictObject({ receipt: Base64Url32, status: BallotStatus });
export type CastBallotResponse = v.InferOutput<typeof CastBallotResponse>;

/** One answer per token, in the order given; each with the option the split gave it. */
export const CastBatchResponse = v.strictObject({
  ballots: v.array(v.strictObject({ ...CastBallotResponse.entries, choices: v.array(OptionId) })),
});
export type CastBatchResponse = v.InferOutput<typeof CastBatchResponse>;

export const ReceiptResponse = v.strictObject({ status: BallotStatus });
export type ReceiptResponse = v.InferOutput<typeof ReceiptResponse>;

/** The sealed tally as the ballot box publishes it: option ids, no labels (the events function has those). */
export const PublishedTally = v.strictObject({ electionId: Uuid, ...SealedTally.entries });
export type PublishedTally = v.InferOutput<typeof PublishedTally>;

export const TrackerEntry = v.strictObject({
  receipt: Base64Url32,
  choices: v.array(OptionId),
  /** A weighted election: the ballot's units (under the Merkle root); 0 for a member's head. */
  units: v.optional(Count),
});
export type TrackerEntry = v.InferOutput<typeof TrackerEntry>;

export const Tracker = v.strictObject({
  root: SealedTally.entries.root,
  ballots: v.array(TrackerEntry),
  header: v.optional(
    v.pipe(
      TrackerHeader,
      v.description(
        'An election decided by rules: the rules, who was present at the open and who could vote, under the root ' +
          'with the ballots (docs/tracker.md).',
      ),
    ),
  ),
});
export type Tracker = v.InferOutput<typeof Tracker>;
