/**
 * The meeting side of the contract: meetings, presence and the rules an
 * organisation's votes default to (docs/rules.md); schemas/api.ts
 * re-exports it.
 */
import * as v from 'valibot';
import { Count, Timestamp, Title, Uuid } from './common.js';
import { RulesInput } from './rules.js';
import { Amount } from './verdict.js';

export const CreateMeetingRequest = v.pipe(
  v.strictObject({
    title: Title,
    startsAt: Timestamp,
    endsAt: v.optional(Timestamp),
    expectedAttendees: v.pipe(Count, v.maxValue(10_000_000)),
    rules: v.optional(
      v.pipe(RulesInput, v.description("The rules for the meeting's elections that give none (docs/rules.md).")),
    ),
  }),
  v.check(
    (m) => m.endsAt === undefined || Date.parse(m.endsAt) > Date.parse(m.startsAt),
    'endsAt must be after startsAt',
  ),
);
export type CreateMeetingRequest = v.InferOutput<typeof CreateMeetingRequest>;

export const Meeting = v.strictObject({
  id: Uuid,
  title: v.string(),
  startsAt: Timestamp,
  endsAt: v.nullable(Timestamp),
  expectedAttendees: Count,
  createdAt: Timestamp,
  rules: v.nullable(RulesInput),
});
export type Meeting = v.InferOutput<typeof Meeting>;

export const MeetingList = v.strictObject({ meetings: v.array(Meeting) });
export type MeetingList = v.InferOutput<typeof MeetingList>;

/** `PUT …/meetings/{id}/attendance/me` and `…/attendance/{subject}`: checked in, or out. */
export const SetAttendance = v.strictObject({ present: v.boolean() });
export type SetAttendance = v.InferOutput<typeof SetAttendance>;

/** `GET …/meetings/{id}/attendance`: who is present now, as counts (members and units), and whether the caller is. */
export const Attendance = v.strictObject({
  present: Amount,
  entitled: v.pipe(Amount, v.description('The active members, and their weights together.')),
  me: v.boolean(),
});
export type Attendance = v.InferOutput<typeof Attendance>;

/** `GET/PUT /v1/orgs/{org}/rules`: the rules of the org's elections that give none and are in no meeting with rules. */
export const OrgRules = v.strictObject({ rules: v.nullable(RulesInput) });
export type OrgRules = v.InferOutput<typeof OrgRules>;
