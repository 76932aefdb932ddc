/**
 * Scheduled opening and closing, on each tick: drafts whose `opensAt` has come
 * are opened, open elections whose `closesAt` has passed are closed and
 * sealed, each as if the chair had done it, in its org's transaction as the
 * registry's role. One failure does not stop the others; the next tick tries
 * again (both steps are idempotent on both sides).
 */
import { withTenant, type Sql, type Tx } from '../../shared/common/db/index.js';
import { dueClosings, dueOpenings, getElection, type ElectionWithIssuance } from '../../shared/registry/db/index.js';
import { openInRegistry } from '../../shared/registry/elections/open.js';
import { sealInRegistry } from '../../shared/registry/elections/seal.js';
import type { BallotBox } from '../../shared/registry/ballotBox.js';
import type { Logger } from '../../shared/common/log.js';

export type ScheduleDeps = { worker: Sql; registry: Sql; ballotBox: BallotBox; log: Logger };

type Step = (tx: Tx, orgId: string, election: ElectionWithIssuance) => Promise<unknown>;

async function each(
  deps: ScheduleDeps,
  due: { orgId: string; id: string }[],
  what: string,
  step: Step,
): Promise<number> {
  let done = 0;
  for (const { orgId, id } of due) {
    try {
      await withTenant(deps.registry, orgId, async (tx) => {
        const election = await getElection(tx, id);
        if (election) await step(tx, orgId, election);
      });
      done++;
      deps.log.info({ org_id: orgId, electionId: id }, `scheduled ${what}`);
    } catch (err) {
      deps.log.warn({ err, org_id: orgId, electionId: id }, `scheduled ${what} failed; the next tick retries`);
    }
  }
  return done;
}

export function openDue(deps: ScheduleDeps, now: Date): Promise<number> {
  return dueOpenings(deps.worker, now).then((due) =>
    each(deps, due, 'open', async (tx, orgId, e) => {
      if (e.status === 'draft')
        await openInRegistry(tx, deps.ballotBox, orgId, e.id, e.closesAt?.toISOString() ?? null);
    }),
  );
}

export function closeDue(deps: ScheduleDeps, now: Date): Promise<number> {
  return dueClosings(deps.worker, now).then((due) =>
    each(deps, due, 'close', async (tx, orgId, e) => {
      if (e.status === 'open') await sealInRegistry(tx, deps.ballotBox, orgId, e);
    }),
  );
}
