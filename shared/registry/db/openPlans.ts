import type { Tx } from '../../common/db/pool.js';

export type MeetingPlan = {
  orgId: string;
  meetingId: string;
  startsAt: Date;
  endsAt: Date | null;
  expectedAttendees: number;
  prewarmedAt: Date | null;
  scaledDownAt: Date | null;
};

/** Every org's meetings that are not finished with, locked for this tick (a concurrent tick skips them). */
export async function openPlans(tx: Tx): Promise<MeetingPlan[]> {
  return tx<MeetingPlan[]>`
    select org_id, meeting_id, starts_at, ends_at, expected_attendees, prewarmed_at, scaled_down_at
    from registry.meeting_plans where scaled_down_at is null
    for update skip locked`;
}
