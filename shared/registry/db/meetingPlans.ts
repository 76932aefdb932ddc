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

/** Every org's meetings that are not finished with, locked for this tick (a concurrent tick skips them). */
export async function openPlans(tx: Tx): Promise<MeetingPlan[]> {
  return tx<MeetingPlan[]>`
    select org_id, meeting_id, starts_at, ends_at, expected_attendees, prewarmed_at, scaled_down_at
    from registry.meeting_plans where scaled_down_at is null
    for update skip locked`;
}

export async function markPlan(tx: Tx, plan: MeetingPlan, step: 'prewarmed' | 'scaled_down', at: Date): Promise<void> {
  if (step === 'prewarmed') {
    await tx`update registry.meeting_plans set prewarmed_at = ${at} where org_id = ${plan.orgId} and meeting_id = ${plan.meetingId}`;
  } else {
    await tx`update registry.meeting_plans set scaled_down_at = ${at} where org_id = ${plan.orgId} and meeting_id = ${plan.meetingId}`;
  }
}
