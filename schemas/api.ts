/**
 * valibot schemas of the HTTP contract (API.md), shared by the functions that
 * validate requests and the clients and tests that send them. Objects are
 * strict: an unknown field is a 400.
 */
import * as v from 'valibot';

export const orgIdPattern = /^[a-z0-9-]{2,40}$/;
export const OrgId = v.pipe(v.string(), v.regex(orgIdPattern, 'must be 2-40 characters of a-z, 0-9 and -'));
export const Uuid = v.pipe(v.string(), v.uuid('must be a UUID'));
export const Subject = v.pipe(
  v.string(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(255, 'must be at most 255 characters'),
);
const Title = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(200, 'must be at most 200 characters'),
);
const Timestamp = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp with a time zone'));
const count = (max: number) => v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(0), v.maxValue(max));

function distinct<T>(key: (item: T) => string, what: string) {
  return v.check<T[], string>((items) => new Set(items.map(key)).size === items.length, `${what} must be distinct`);
}

export const CreateOrgRequest = v.strictObject({
  id: OrgId,
  name: Title,
  admins: v.pipe(
    v.array(Subject),
    v.minLength(1, 'needs at least one admin'),
    v.maxLength(100),
    distinct((s) => s, 'admins'),
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
});
export type MemberInput = v.InferOutput<typeof MemberInput>;

export const UpsertMembersRequest = v.strictObject({
  members: v.pipe(
    v.array(MemberInput),
    v.minLength(1, 'needs at least one member'),
    v.maxLength(5000),
    distinct((m: MemberInput) => m.subject, 'member subjects'),
  ),
});

export const CreateMeetingRequest = v.pipe(
  v.strictObject({
    title: Title,
    startsAt: Timestamp,
    endsAt: v.optional(Timestamp),
    expectedAttendees: count(10_000_000),
  }),
  v.check(
    (m) => m.endsAt === undefined || Date.parse(m.endsAt) > Date.parse(m.startsAt),
    'endsAt must be after startsAt',
  ),
);
export type CreateMeetingRequest = v.InferOutput<typeof CreateMeetingRequest>;

export const ElectionKind = v.picklist(['yes_no_abstain', 'single', 'multi']);
export type ElectionKind = v.InferOutput<typeof ElectionKind>;

export const OptionId = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters of A-Z, a-z, 0-9, _ and -'),
);
export const ElectionOption = v.strictObject({ id: OptionId, label: Title });
export type ElectionOption = v.InferOutput<typeof ElectionOption>;

export const CreateElectionRequest = v.strictObject({
  meetingId: v.optional(Uuid),
  title: Title,
  kind: ElectionKind,
  options: v.optional(
    v.pipe(
      v.array(ElectionOption),
      v.maxLength(100),
      distinct((o: ElectionOption) => o.id, 'option ids'),
    ),
  ),
  maxChoices: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))),
  /** A schedule: the lifecycle worker opens the draft at opensAt and closes it at closesAt. */
  opensAt: v.optional(v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp with a time zone'))),
  closesAt: v.optional(v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp with a time zone'))),
});
export type CreateElectionRequest = v.InferOutput<typeof CreateElectionRequest>;

export type ElectionStatus = 'draft' | 'open' | 'closed' | 'sealed';

export type Org = { id: string; name: string; createdAt: string; admins: string[] };
export type Meeting = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  expectedAttendees: number;
  createdAt: string;
};
export type Election = {
  id: string;
  meetingId: string | null;
  title: string;
  kind: ElectionKind;
  options: ElectionOption[];
  maxChoices: number;
  status: ElectionStatus;
  createdAt: string;
  opensAt: string | null;
  closesAt: string | null;
};
export type ElectionWithTurnout = Election & { turnout: { tokensIssued: number; ballotsCast: number } };

export const CastBallotRequest = v.strictObject({
  choices: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(100)),
});
export type CastBallotResponse = { receipt: string; status: 'counted' | 'queued' };

export const OpenElectionRequest = v.strictObject({
  closesAt: v.optional(v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp with a time zone'))),
});

export type Results = {
  electionId: string;
  ballotsCast: number;
  options: { id: string; label: string; votes: number }[];
  root: string;
};
export type TokenResponse = { token: string; receipt: string };
export type Tracker = { root: string; ballots: { receipt: string; choices: string[] }[] };
