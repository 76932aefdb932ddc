/**
 * What a scheduler tick should do, decided from the meetings alone (no I/O):
 * pre-warm `leadMinutes` before a meeting starts, scale back once it is over,
 * and size for every meeting that is on at that moment, since they share the
 * elections service and the database: the instances their attendees need
 * together (sizing.ts), at least the warm minimum, at most the service's
 * maximum (a shortfall is reported, for the operator to raise it); and
 * traces sampled at the meeting's share until the last of them ends.
 */
import type { MeetingPlan } from '../../shared/registry/db/index.js';
import type { LifecyclePolicy } from '../../shared/common/config/index.js';
import type { DatabaseSize } from '../../shared/common/gcp/capacity.js';
import { instancesFor } from './sizing.js';

export type Decision = {
  prewarm: MeetingPlan[];
  scaleDown: MeetingPlan[];
  /** The capacity to set, when anything changed. */
  capacity?: { minInstances: number; database: DatabaseSize };
  /**
   * The functions' trace sampling, when anything changed: raised to the policy's share until the last meeting on
   * ends, or (none on) lowered now (`until` is then the moment of the tick: each function's TRACE_RATIO again).
   */
  sampling?: { ratio: number; until: Date };
  /** The meetings on need more instances than the service may run. */
  shortOf?: { needed: number; allowed: number };
};

export function decide(plans: MeetingPlan[], now: Date, policy: LifecyclePolicy): Decision {
  const end = (p: MeetingPlan) => p.endsAt ?? new Date(p.startsAt.getTime() + policy.defaultHours * 3_600_000);
  const warmFrom = (p: MeetingPlan) => new Date(p.startsAt.getTime() - policy.leadMinutes * 60_000);
  const on = plans.filter((p) => warmFrom(p) <= now && now < end(p));
  const prewarm = on.filter((p) => !p.prewarmedAt);
  const scaleDown = plans.filter((p) => p.prewarmedAt && !p.scaledDownAt && end(p) <= now);
  if (prewarm.length === 0 && scaleDown.length === 0) return { prewarm, scaleDown };
  const big = on.some((p) => p.expectedAttendees > policy.tierThreshold);
  const needed = instancesFor(
    on.reduce((n, p) => n + p.expectedAttendees, 0),
    policy,
  );
  const warm = Math.min(policy.maxInstances, Math.max(policy.warmMinInstances, needed));
  const lastEnd = on.reduce((last, p) => Math.max(last, end(p).getTime()), 0);
  return {
    prewarm,
    scaleDown,
    sampling: on.length > 0 ? { ratio: policy.meetingTraceRatio, until: new Date(lastEnd) } : { ratio: 0, until: now },
    ...(on.length > 0 && needed > policy.maxInstances ? { shortOf: { needed, allowed: policy.maxInstances } } : {}),
    capacity: {
      minInstances: on.length > 0 ? warm : policy.baseMinInstances,
      // A large meeting gets dedicated cores and, where the policy says so, a standby in another zone (one restart,
      // before the meeting); afterwards the instance goes back to what costs little at rest (docs/COSTS.md).
      database: big
        ? { tier: policy.warmTier, availability: policy.warmAvailability }
        : { tier: policy.baseTier, availability: policy.baseAvailability },
    },
  };
}
