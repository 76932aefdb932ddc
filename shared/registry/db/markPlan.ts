import type { Tx } from '../../common/db/pool.js';
import type { MeetingPlan } from './openPlans.js';

/** Records a step a tick has taken for a meeting, so a redelivered tick does not take it again. */
export async function markPlan(tx: Tx, plan: MeetingPlan, step: 'prewarmed' | 'scaled_down', at: Date): Promise<void> {
  if (step === 'prewarmed') {
    await tx`update registry.meeting_plans set prewarmed_at = ${at} where org_id = ${plan.orgId} and meeting_id = ${plan.meetingId}`;
  } else {
    await tx`update registry.meeting_plans set scaled_down_at = ${at} where org_id = ${plan.orgId} and meeting_id = ${plan.meetingId}`;
  }
}
