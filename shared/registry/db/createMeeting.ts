import type { Tx } from '../../common/db/pool.js';
import type { RulesInput } from '../../../schemas/rules.js';

export type MeetingRow = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  expectedAttendees: number;
  createdAt: Date;
  /** The rules of its elections that give none. */
  rules: RulesInput | null;
};

export async function createMeeting(
  tx: Tx,
  orgId: string,
  meeting: {
    id: string;
    title: string;
    startsAt: string;
    endsAt?: string | undefined;
    expectedAttendees: number;
    rules?: RulesInput | undefined;
  },
): Promise<MeetingRow> {
  const [row] = await tx<MeetingRow[]>`
    insert into registry.meetings (org_id, id, title, starts_at, ends_at, expected_attendees, rules)
    values (${orgId}, ${meeting.id}, ${meeting.title}, ${meeting.startsAt}, ${meeting.endsAt ?? null}, ${meeting.expectedAttendees},
      ${meeting.rules ? tx.json(meeting.rules) : null})
    returning id, title, starts_at, ends_at, expected_attendees, created_at, rules`;
  return row!;
}

export async function meetingById(tx: Tx, id: string): Promise<MeetingRow | undefined> {
  const [row] = await tx<MeetingRow[]>`
    select id, title, starts_at, ends_at, expected_attendees, created_at, rules from registry.meetings where id = ${id}`;
  return row;
}

/** The meetings not yet ended, the latest start first (at most 20). */
export async function currentMeetings(tx: Tx): Promise<MeetingRow[]> {
  return tx<MeetingRow[]>`
    select id, title, starts_at, ends_at, expected_attendees, created_at, rules from registry.meetings
    where ends_at is null or ends_at > now() order by starts_at desc limit 20`;
}
