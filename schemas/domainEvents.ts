/**
 * The registry's domain events (what happened: an org was created, an
 * election sealed…) and the one envelope every Pub/Sub topic carries them
 * in, as valibot schemas used by the outbox that writes them and the workers
 * that read them. An event never carries a voting token, its hash or a receipt.
 */
import * as v from 'valibot';
import { Count as count, OptionId, OrgId, Timestamp, Uuid } from './common.js';
import { RankedSettings } from './ranked/settings.js';
import { Rules, RulesInput } from './rules.js';
import { Amount, Verdict } from './verdict.js';

/** The Pub/Sub topics and what consumes each (README, "Events"). */
export const topics = ['audit', 'metering', 'lifecycle'] as const;

/** The most requests one report may carry: a minute of one instance at 15,000 requests a second, with room. */
export const maxReportedRequests = 1_000_000;
export type Topic = (typeof topics)[number];

export const eventPayloads = {
  'org.created': v.strictObject({ name: v.string(), admins: count }),
  // The org's default rules for its elections (docs/rules.md), or none.
  'org.rules_set': v.strictObject({ rules: v.nullable(RulesInput) }),
  'roster.imported': v.strictObject({
    upserted: count,
    tokensWithdrawn: v.optional(count),
    alreadyVoted: v.optional(count),
  }),
  /** A member set or cleared their own proxy: no subject (whose, to whom) and nothing else. */
  'delegation.changed': v.strictObject({}),
  'meeting.scheduled': v.strictObject({
    meetingId: Uuid,
    startsAt: Timestamp,
    endsAt: v.nullable(Timestamp),
    expectedAttendees: count,
  }),
  'election.created': v.strictObject({ electionId: Uuid, meetingId: v.nullable(Uuid), kind: v.string() }),
  // A draft changed by its chair (title, options, schedule…), or deleted before it was ever opened.
  'election.edited': v.strictObject({ electionId: Uuid, kind: v.string(), revision: count }),
  'election.deleted': v.strictObject({ electionId: Uuid }),
  // present: who was checked in at the open (an election in a meeting), as counts, frozen for its verdict.
  'election.opened': v.strictObject({ electionId: Uuid, closesAt: v.nullable(Timestamp), present: v.optional(Amount) }),
  'election.sealed': v.strictObject({
    electionId: Uuid,
    ballotsCast: count,
    // One token per eligible member (registered for the election, fetched or not), counted here at the seal
    // as ballots are: a token request writes and publishes nothing.
    tokensIssued: count,
    root: v.string(),
    options: v.array(v.strictObject({ id: v.string(), votes: count })),
    // An election with rules: the verdict the seal reached, and the rules it applied (docs/rules.md).
    verdict: v.optional(Verdict),
    rules: v.optional(Rules),
    // A ranked election: its method and seats and who was elected (every stage is in the results: docs/ranked.md).
    ranked: v.optional(v.strictObject({ ...RankedSettings.entries, elected: v.array(OptionId) })),
  }),
  // Members who became eligible after the open, registered together by the lifecycle tick (a count, no names).
  'tokens.registered': v.strictObject({ electionId: Uuid, registered: count }),
  // Tokens of members made inactive, taken back from the ballot box (those that had voted stay counted).
  'tokens.withdrawn': v.strictObject({ electionId: Uuid, tokensWithdrawn: count, alreadyVoted: count }),
  // API requests an instance served for the org since its last report (at most a minute). Bounded: the ballot
  // side publishes these with no outbox behind them, so no report may bill more than an instance can serve.
  'usage.reported': v.strictObject({
    source: v.picklist(['events', 'elections']),
    apiRequests: v.pipe(count, v.maxValue(maxReportedRequests)),
  }),
} as const;

export type EventType = keyof typeof eventPayloads;
export type EventPayload<T extends EventType> = v.InferOutput<(typeof eventPayloads)[T]>;

export const eventTypes = Object.keys(eventPayloads) as EventType[];

export const schemaVersion = 1;

export const EventEnvelope = v.strictObject({
  id: Uuid,
  type: v.picklist(eventTypes),
  org: OrgId,
  occurredAt: Timestamp,
  schemaVersion: v.literal(schemaVersion),
  payload: v.record(v.string(), v.unknown()),
});
export type EventEnvelope = v.InferOutput<typeof EventEnvelope>;

/** Which topics carry each event: everything is audited; usage and the meeting lifecycle take what they need. */
export const eventTopics: Record<EventType, readonly Topic[]> = {
  'org.created': ['audit'],
  'org.rules_set': ['audit'],
  'roster.imported': ['audit'],
  'delegation.changed': ['audit'],
  'meeting.scheduled': ['audit', 'lifecycle'],
  'election.created': ['audit', 'metering'],
  'election.edited': ['audit'],
  'election.deleted': ['audit'],
  'election.opened': ['audit', 'lifecycle'],
  'election.sealed': ['audit', 'metering', 'lifecycle'],
  'tokens.registered': ['audit'],
  'tokens.withdrawn': ['audit'],
  'usage.reported': ['metering'],
};
