/**
 * A scheduler tick: read the meetings that are not done with, decide
 * (plan.ts), make the Google admin calls with no transaction open, then in
 * one short transaction mark each meeting's step, set the functions' trace
 * sampling for the meetings on (raised until they end, or lowered), and audit
 * it in its org's chain. If a call fails nothing is marked, so the next tick tries again.
 * Concurrent or redelivered ticks decide alike from the same meetings, set
 * the same capacity (harmless twice), and only one of them marks and audits
 * each step.
 */
import { randomUUID } from 'node:crypto';
import { transaction, type Sql } from '../../shared/common/db/index.js';
import { appendAudit, markPlan, openPlans } from '../../shared/registry/db/index.js';
import type { Capacity } from '../../shared/common/gcp/capacity.js';
import type { Logger } from '../../shared/common/log.js';
import type { LifecyclePolicy } from '../../shared/common/config/index.js';
import { decide, type Decision } from './plan.js';

export type TickDeps = { sql: Sql; capacity: Capacity; policy: LifecyclePolicy; log: Logger };

export async function tick(deps: TickDeps, now: Date): Promise<Decision> {
  const decision = decide(await openPlans(deps.sql), now, deps.policy);
  if (!decision.capacity) return decision;
  await deps.capacity.setMinInstances(decision.capacity.minInstances);
  await deps.capacity.setDatabaseSize(decision.capacity.database);
  const capacity = decision.capacity;
  if (decision.shortOf)
    deps.log.warn(
      decision.shortOf,
      "the meetings on need more elections instances than the service's maximum (docs/capacity.md)",
    );
  const sampling = decision.sampling;
  await transaction(deps.sql, async (tx) => {
    // The functions read it within 30 s (shared/common/trace/samplingRatio.ts); idempotent, as the marks are.
    if (sampling)
      await tx`insert into ops.trace_sampling (ratio, until) values (${sampling.ratio}, ${sampling.until})
        on conflict (singleton) do update set ratio = excluded.ratio, until = excluded.until, updated_at = now()`;
    for (const [step, plans] of [
      ['prewarmed', decision.prewarm],
      ['scaled_down', decision.scaleDown],
    ] as const) {
      for (const plan of plans) {
        if (!(await markPlan(tx, plan, step, now))) continue; // another tick took this step
        await tx`select set_config('app.org_id', ${plan.orgId}, true)`;
        await appendAudit(tx, plan.orgId, {
          eventId: randomUUID(),
          type: `lifecycle.${step}`,
          occurredAt: now.toISOString(),
          payload: { meetingId: plan.meetingId, ...capacity },
        });
      }
    }
  });
  deps.log.info(
    { ...capacity, prewarmed: decision.prewarm.length, scaledDown: decision.scaleDown.length },
    'capacity changed',
  );
  return decision;
}
