/**
 * Scheduled closing, on each tick: every open election whose `closesAt` has
 * passed is closed and sealed as if the chair had closed it, in its org's
 * transaction as the registry's role. One failure does not stop the others;
 * the next tick tries again (closing is idempotent on both sides).
 */
import { withTenant, type Sql } from '../../shared/db/index.js';
import { dueClosings, getElection } from '../../shared/db/registry/index.js';
import { sealInRegistry } from '../../shared/elections/seal.js';
import type { BallotBox } from '../../shared/s2s/ballotBox.js';
import type { Logger } from '../../shared/log.js';

export type ClosingDeps = { worker: Sql; registry: Sql; ballotBox: BallotBox; log: Logger };

export async function closeDue(deps: ClosingDeps, now: Date): Promise<number> {
  let closed = 0;
  for (const due of await dueClosings(deps.worker, now)) {
    try {
      await withTenant(deps.registry, due.orgId, async (tx) => {
        const election = await getElection(tx, due.id);
        if (election?.status === 'open') await sealInRegistry(tx, deps.ballotBox, due.orgId, election);
      });
      closed++;
      deps.log.info({ org_id: due.orgId, electionId: due.id }, 'scheduled close: sealed');
    } catch (err) {
      deps.log.warn({ err, org_id: due.orgId, electionId: due.id }, 'scheduled close failed; the next tick retries');
    }
  }
  return closed;
}
