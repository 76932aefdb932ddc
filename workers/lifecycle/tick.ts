/**
 * A scheduler tick: in one transaction, lock the meetings that are not done
 * with, decide (plan.ts), make the Google admin calls, mark each meeting and
 * audit each step in its org's chain. If a call fails nothing is marked, so
 * the next tick tries again; a redelivered tick finds the marks and does nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Sql } from '../../shared/common/db/index.js';
import { appendAudit, markPlan, openPlans } from '../../shared/registry/db/index.js';
import type { Capacity } from '../../shared/common/gcp/capacity.js';
import type { Logger } from '../../shared/common/log.js';
import type { LifecyclePolicy } from '../../shared/common/config.js';
import { decide, type Decision } from './plan.js';

export type TickDeps = { sql: Sql; capacity: Capacity; policy: LifecyclePolicy; log: Logger };

export async function tick(deps: TickDeps, now: Date): Promise<Decision> {
  return deps.sql.begin(async (tx) => {
    const decision = decide(await openPlans(tx), now, deps.policy);
    if (!decision.capacity) return decision;
    await deps.capacity.setMinInstances(decision.capacity.minInstances);
    await deps.capacity.setDatabaseTier(decision.capacity.tier);
    for (const [step, plans] of [
      ['prewarmed', decision.prewarm],
      ['scaled_down', decision.scaleDown],
    ] as const) {
      for (const plan of plans) {
        await markPlan(tx, plan, step, now);
        await tx`select set_config('app.org_id', ${plan.orgId}, true)`;
        await appendAudit(tx, plan.orgId, {
          eventId: randomUUID(),
          type: `lifecycle.${step}`,
          occurredAt: now.toISOString(),
          payload: { meetingId: plan.meetingId, ...decision.capacity },
        });
      }
    }
    deps.log.info(
      { ...decision.capacity, prewarmed: decision.prewarm.length, scaledDown: decision.scaleDown.length },
      'capacity changed',
    );
    return decision;
  }) as Promise<Decision>;
}
