/**
 * valibot schemas of the public HTTP contract (docs/api.md): every request
 * body the functions validate and every response body they send, shared by
 * the functions, the tests and the web app (its types only), and turned into
 * the OpenAPI documents (docs/openapi/). Objects are strict: an unknown field
 * is a 400.
 */
import * as v from 'valibot';
import {
  BallotMode,
  Count,
  distinct,
  ElectionKind,
  ElectionStatus,
  OptionId,
  OrgId,
  SealedTally,
  VoteCount,
  Subject,
  Timestamp,
  Title,
  Uuid,
} from './common.js';
import { Rules, RulesInput } from './rules.js';
import { Amount, Verdict } from './verdict.js';
import { RankedInput, RankedSettings } from './ranked/settings.js';

export {
  orgIdPattern,
  OrgId,
  Uuid,
  Subject,
  Timestamp,
  ElectionKind,
  ElectionStatus,
  OptionId,
  Turnout,
} from './common.js';

// The voting side: tokens, casts, receipts, the tally and the tracker.
export * from './voting.js';
export * from './meetings.js';

// ---------------------------------------------------------------- requests

export const CreateOrgRequest = v.strictObject({
  id: OrgId,
  name: Title,
  admins: v.pipe(
    v.array(Subject),
    v.minLength(1, 'needs at least one admin'),
    v.maxLength(100),
    distinct((s) => s, 'admins'),
    v.metadata({ uniqueItems: true }),
  ),
});
export type CreateOrgRequest = v.InferOutput<typeof CreateOrgRequest>;

export const Role = v.picklist(['member', 'admin']);
export const MemberStatus = v.picklist(['active', 'inactive']);

export const MemberInput = v.strictObject({
  subject: Subject,
  role: Role,
  status: MemberStatus,
  weight: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(1_000_000))),
  delegateTo: v.optional(
    v.pipe(
      v.nullable(Subject),
      v.description(
        "The member who casts this member's vote in elections opened while it stands (a proxy); null clears it, " +
          'absent keeps it. One level: a holder may not delegate, a delegator may not hold; the holder is an active ' +
          'member of the org (400 invalid_delegation).',
      ),
    ),
  ),
});
export type MemberInput = v.InferOutput<typeof MemberInput>;

export const UpsertMembersRequest = v.strictObject({
  members: v.pipe(
    v.array(MemberInput),
    v.minLength(1, 'needs at least one member'),
    v.maxLength(5000),
    distinct((m: MemberInput) => m.subject, 'member subjects'),
    v.description('At most 64 KiB a request (about 1,000 members): import larger rosters in batches.'),
  ),
});
export type UpsertMembersRequest = v.InferOutput<typeof UpsertMembersRequest>;

export const ElectionOption = v.strictObject({ id: OptionId, label: Title });
export type ElectionOption = v.InferOutput<typeof ElectionOption>;

const Options = v.pipe(
  v.array(ElectionOption),
  v.maxLength(100),
  distinct((o: ElectionOption) => o.id, 'option ids'),
);
const MaxChoices = v.pipe(
  v.number(),
  v.integer('must be a whole number'),
  v.minValue(1, 'must be at least 1'),
  v.maxValue(100),
);

export const CreateElectionRequest = v.pipe(
  v.strictObject({
    meetingId: v.optional(Uuid),
    title: Title,
    kind: ElectionKind,
    options: v.optional(Options),
    maxChoices: v.optional(MaxChoices),
    opensAt: v.optional(Timestamp),
    closesAt: v.optional(Timestamp),
    ballotMode: v.optional(BallotMode),
    weights: v.optional(
      v.strictObject({
        anonymityK: v.optional(
          v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(1000)),
        ),
      }),
    ),
    rules: v.optional(RulesInput),
    ranked: v.optional(RankedInput),
  }),
  v.description(
    "weights: a weighted election (each member's roster weight, cast as ballots in denominations 1, 10, 100, …; " +
      'every denomination above 1 carried by at least anonymityK members, default 5, or taken down a class: ' +
      'docs/secrecy.md, "Weights"); absent: one member, one ballot. ' +
      "ballotMode: overrides the deployment's mode for this election (a huge assembly takes queue ahead of time). " +
      'options: optional for yes_no_abstain (its options are yes, no and abstain; give them only to set the labels), ' +
      'required for single, multi and ranked (2–100 options). maxChoices: 1 for yes_no_abstain and single; for multi ' +
      '1..the number of options (default: all); for ranked, if given, equal to ranked.maxRanks. ranked: the count ' +
      "of a ranked election (docs/ranked.md), required for kind ranked; a ballot's choices are then its ranking, " +
      'best first. opensAt/closesAt: a schedule the lifecycle worker keeps; both in ' +
      'the future, closesAt after opensAt. rules: how the result is decided (docs/rules.md); absent: the ' +
      "meeting's rules, else the organisation's, else none (counts only).",
  ),
);
export type CreateElectionRequest = v.InferOutput<typeof CreateElectionRequest>;

export const OpenElectionRequest = v.strictObject({
  closesAt: v.optional(Timestamp),
  /** Sets the election's ballot mode from the open on (the chair of a huge assembly takes queue). */
  ballotMode: v.optional(BallotMode),
});
export type OpenElectionRequest = v.InferOutput<typeof OpenElectionRequest>;

// --------------------------------------------------------------- responses

export const Org = v.strictObject({ id: OrgId, name: v.string(), createdAt: Timestamp, admins: v.array(Subject) });
export type Org = v.InferOutput<typeof Org>;

export const UpsertMembersResponse = v.strictObject({
  upserted: Count,
  /** Tokens of members made inactive while an election was open, taken back from the ballot box. */
  tokensWithdrawn: Count,
  /** Of those members, how many had already voted: their ballots stay counted. */
  alreadyVoted: Count,
});
export type UpsertMembersResponse = v.InferOutput<typeof UpsertMembersResponse>;

/** `PUT /v1/orgs/{org}/me/delegation`: the caller's own proxy, or none (null). */
export const OwnDelegation = v.strictObject({ delegateTo: v.nullable(Subject) });
export type OwnDelegation = v.InferOutput<typeof OwnDelegation>;

/** `GET /v1/orgs/{org}/roster`: the counts whole, the lists capped (the heaviest 200, the first 500 delegations). */
export const RosterSummary = v.strictObject({
  activeMembers: Count,
  activeUnits: v.pipe(Count, v.description("The active members' weights together: a weighted vote's entitled units.")),
  weightedMembers: Count,
  delegationCount: Count,
  weighted: v.array(v.strictObject({ subject: Subject, weight: Count })),
  delegations: v.array(v.strictObject({ subject: Subject, delegateTo: Subject })),
});
export type RosterSummary = v.InferOutput<typeof RosterSummary>;

/** An election as listed (`GET /v1/orgs/{org}/elections`): without its mode and turnout (ask the election for them). */
export const ElectionSummary = v.strictObject({
  id: Uuid,
  meetingId: v.nullable(Uuid),
  title: v.string(),
  kind: ElectionKind,
  options: v.array(ElectionOption),
  maxChoices: v.pipe(v.number(), v.integer(), v.minValue(1)),
  status: ElectionStatus,
  createdAt: Timestamp,
  opensAt: v.nullable(Timestamp),
  closesAt: v.nullable(Timestamp),
  /** Present for a weighted election. */
  weights: v.optional(v.strictObject({ anonymityK: Count })),
  rules: v.pipe(
    v.nullable(Rules),
    v.description('How the election is decided, every default filled in (docs/rules.md); null: counts only.'),
  ),
  /** A ranked election: its method, seats and most ranks (maxChoices is the same maxRanks). */
  ranked: v.optional(RankedSettings),
});
export type ElectionSummary = v.InferOutput<typeof ElectionSummary>;

export const Election = v.strictObject({
  ...ElectionSummary.entries,
  /** null: the deployment's mode. */
  ballotMode: v.nullable(BallotMode),
  turnout: v.pipe(
    v.strictObject({ eligible: Count, ballotsCast: Count }),
    v.description(
      'eligible: members who may vote (a draft: the active members now; from the open: the tokens the ballot box ' +
        'holds for the election). No count of members who fetched their token exists: a token request writes nothing.',
    ),
  ),
});
export type Election = v.InferOutput<typeof Election>;

/** `GET /v1/me`: who the caller is and the orgs where they are an active member. */
export const Me = v.strictObject({
  subject: Subject,
  orgs: v.array(v.strictObject({ id: OrgId, name: v.string(), role: v.picklist(['member', 'admin']) })),
});
export type Me = v.InferOutput<typeof Me>;

export const ElectionList = v.strictObject({ elections: v.array(ElectionSummary) });
export type ElectionList = v.InferOutput<typeof ElectionList>;

/** `GET /v1/me/elections`: what a member's page shows now, across their orgs (the app polls it, conditionally). */
export const MyElections = v.strictObject({
  orgs: Me.entries.orgs,
  elections: v.array(v.strictObject({ orgId: OrgId, ...ElectionSummary.entries })),
});
export type MyElections = v.InferOutput<typeof MyElections>;

export const DeletedElection = v.strictObject({ id: Uuid, deleted: v.literal(true) });
export type DeletedElection = v.InferOutput<typeof DeletedElection>;

export const OpenElectionResponse = v.strictObject({ status: v.literal('open') });
export type OpenElectionResponse = v.InferOutput<typeof OpenElectionResponse>;

/** The sealed results as the events function gives them: each option with its label. */
export const ElectionResults = v.strictObject({
  electionId: Uuid,
  ballotsCast: Count,
  eligible: SealedTally.entries.eligible,
  options: v.array(
    v.strictObject({
      id: OptionId,
      label: v.string(),
      votes: Count,
      units: v.optional(Count),
      voters: VoteCount.entries.voters,
    }),
  ),
  root: SealedTally.entries.root,
  /** A weighted election: the units cast, and the units the registered tokens carried. */
  unitsCast: v.optional(Count),
  eligibleUnits: v.optional(Count),
  voters: SealedTally.entries.voters,
  eligibleVoters: SealedTally.entries.eligibleVoters,
  rules: SealedTally.entries.rules,
  present: SealedTally.entries.present,
  verdict: SealedTally.entries.verdict,
  ranked: SealedTally.entries.ranked,
});
export type ElectionResults = v.InferOutput<typeof ElectionResults>;

export const CloseElectionResponse = v.strictObject({ status: v.literal('sealed'), results: ElectionResults });
export type CloseElectionResponse = v.InferOutput<typeof CloseElectionResponse>;

export { Rules, RulesInput, Verdict, Amount, RankedSettings, RankedInput };

/** `POST …/elections/{id}/runoff`: the two options, only when a tie for them is the chair's to decide. */
export const RunoffRequest = v.strictObject({
  options: v.optional(
    v.pipe(
      v.array(OptionId),
      v.length(2, 'a run-off has two options'),
      v.description('Only when the election leaves a tie for the run-off to the chair: the two options, by id.'),
    ),
  ),
});
export type RunoffRequest = v.InferOutput<typeof RunoffRequest>;
