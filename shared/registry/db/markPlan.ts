import type { Tx } from '../../common/db/pool.js';
import type { MeetingPlan } from './openPlans.js';

/**
 * Records a step a tick has taken for a meeting, unless a tick already has;
 * returns whether this call recorded it, so the step is audited once.
 */
export async function markPlan(
  tx: Tx,
  plan: MeetingPlan,
  step: 'prewarmed' | 'scaled_down',
  at: Date,
): Promise<boolean> {
  const rows =
    step === 'prewarmed'
      ? await tx`update registry.meeting_plans set prewarmed_at = ${at}
          where org_id = ${plan.orgId} and meeting_id = ${plan.meetingId} and prewarmed_at is null returning 1`
      : await tx`update registry.meeting_plans set scaled_down_at = ${at}
          where org_id = ${plan.orgId} and meeting_id = ${plan.meetingId} and scaled_down_at is null returning 1`;
  return rows.length === 1;
}
