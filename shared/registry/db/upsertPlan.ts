import type { Tx } from '../../common/db/pool.js';

/** A scheduled (or changed) meeting becomes the plan the ticks act on. */
export async function upsertPlan(
  tx: Tx,
  orgId: string,
  plan: { meetingId: string; startsAt: string; endsAt: string | null; expectedAttendees: number },
): Promise<void> {
  await tx`
    insert into registry.meeting_plans (org_id, meeting_id, starts_at, ends_at, expected_attendees)
    values (${orgId}, ${plan.meetingId}, ${plan.startsAt}, ${plan.endsAt}, ${plan.expectedAttendees})
    on conflict (org_id, meeting_id) do update
      set starts_at = excluded.starts_at, ends_at = excluded.ends_at, expected_attendees = excluded.expected_attendees`;
}
