import type { Tx } from '../../common/db/pool.js';

export type MeetingRow = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  expectedAttendees: number;
  createdAt: Date;
};

export async function createMeeting(
  tx: Tx,
  orgId: string,
  meeting: { id: string; title: string; startsAt: string; endsAt?: string | undefined; expectedAttendees: number },
): Promise<MeetingRow> {
  const [row] = await tx<MeetingRow[]>`
    insert into registry.meetings (org_id, id, title, starts_at, ends_at, expected_attendees)
    values (${orgId}, ${meeting.id}, ${meeting.title}, ${meeting.startsAt}, ${meeting.endsAt ?? null}, ${meeting.expectedAttendees})
    returning id, title, starts_at, ends_at, expected_attendees, created_at`;
  return row!;
}

export async function meetingById(tx: Tx, id: string): Promise<MeetingRow | undefined> {
  const [row] = await tx<MeetingRow[]>`
    select id, title, starts_at, ends_at, expected_attendees, created_at from registry.meetings where id = ${id}`;
  return row;
}
