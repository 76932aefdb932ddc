import type { Sql } from '../../common/db/pool.js';

export type MeetingPlan = {
  orgId: string;
  meetingId: string;
  startsAt: Date;
  endsAt: Date | null;
  expectedAttendees: number;
  prewarmedAt: Date | null;
  scaledDownAt: Date | null;
};

/** Every org's meetings that are not finished with (read as the worker role, in no transaction). */
export async function openPlans(sql: Sql): Promise<MeetingPlan[]> {
  return sql<MeetingPlan[]>`
    select org_id, meeting_id, starts_at, ends_at, expected_attendees, prewarmed_at, scaled_down_at
    from registry.meeting_plans where scaled_down_at is null`;
}
