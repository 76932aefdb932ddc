/**
 * Scheduled opening and closing, on each tick: drafts whose `opensAt` has come
 * are opened, open elections whose `closesAt` has passed are closed and
 * sealed, each as if the chair had done it, in its org's transaction as the
 * registry's role, and the token secret of every sealed election whose
 * shredding has not happened yet (KMS was away at the close) is shredded.
 * Opens and closes left half-way (the ballot box answered late, or the
 * registry could not record what it did) are finished, or an open the ballot
 * box never made is forgotten: the two sides agree again within a tick.
 * One failure does not stop the others; the next tick tries again (every step
 * is idempotent on both sides).
 */
import { withTenant, type Sql } from '../../shared/common/db/index.js';
import {
  dueClosings,
  dueOpenings,
  getElection,
  markElection,
  unfinishedChanges,
  unshreddedKeys,
  type ElectionWithIssuance,
} from '../../shared/registry/db/index.js';
import { openInRegistry, recordOpened } from '../../shared/registry/elections/open.js';
import { closeInRegistry } from '../../shared/registry/elections/close.js';
import type { BallotBox } from '../../shared/registry/ballotBox.js';
import type { ElectionKeys } from '../../shared/registry/electionKeys.js';
import { shredElectionKey } from '../../shared/registry/elections/shred.js';
import type { Logger } from '../../shared/common/log.js';

export type ScheduleDeps = {
  worker: Sql;
  registry: Sql;
  ballotBox: BallotBox;
  electionKeys: ElectionKeys;
  log: Logger;
};

type Step = (orgId: string, election: ElectionWithIssuance) => Promise<unknown>;

/** Each due election, read afresh as the registry; a failure is logged and left for the next tick. */
async function each(
  deps: ScheduleDeps,
  due: { orgId: string; id: string }[],
  what: string,
  step: Step,
): Promise<number> {
  let done = 0;
  for (const { orgId, id } of due) {
    try {
      const election = await withTenant(deps.registry, orgId, (tx) => getElection(tx, id));
      if (election) await step(orgId, election);
      done++;
      deps.log.info({ org_id: orgId, electionId: id }, `scheduled ${what}`);
    } catch (err) {
      deps.log.warn({ err, org_id: orgId, electionId: id }, `scheduled ${what} failed; the next tick retries`);
    }
  }
  return done;
}

export async function openDue(deps: ScheduleDeps, now: Date): Promise<number> {
  const opening = { sql: deps.registry, ballotBox: deps.ballotBox, electionKeys: deps.electionKeys };
  return each(deps, await dueOpenings(deps.worker, now), 'open', async (orgId, e) => {
    if (e.status === 'draft') await openInRegistry(opening, orgId, e.id, e.closesAt?.toISOString() ?? null);
  });
}

export async function closeDue(deps: ScheduleDeps, now: Date): Promise<number> {
  const due = await dueClosings(deps.worker, now);
  const closed = await each(deps, due, 'close', async (orgId, e) => {
    if (e.status === 'open') await closeInRegistry({ sql: deps.registry, ballotBox: deps.ballotBox }, orgId, e.id);
  });
  await shredDue(deps);
  return closed;
}

/** The token secrets of sealed elections that are not shredded yet; returns how many were shredded now. */
export async function shredDue(deps: ScheduleDeps): Promise<number> {
  let shredded = 0;
  for (const { orgId, electionId } of await unshreddedKeys(deps.worker)) {
    try {
      const election = await withTenant(deps.registry, orgId, (tx) => getElection(tx, electionId));
      if (election?.status !== 'sealed') continue;
      if (await shredElectionKey(deps.registry, deps.electionKeys, orgId, electionId)) shredded++;
    } catch (err) {
      deps.log.warn({ err, org_id: orgId, electionId }, 'shredding failed; the next tick retries');
    }
  }
  return shredded;
}

/** How long an open or a close may take before a tick treats it as left half-way. */
export const unfinishedAfterMs = 120_000;

/**
 * Opens and closes begun more than `unfinishedAfterMs` ago and not recorded
 * as done: a close is finished; an open is finished if the ballot box is
 * open, forgotten if it is still a draft there. Returns how many were settled.
 */
export async function finishUnfinished(deps: ScheduleDeps, now: Date): Promise<number> {
  const due = await unfinishedChanges(deps.worker, new Date(now.getTime() - unfinishedAfterMs));
  const closing = { sql: deps.registry, ballotBox: deps.ballotBox };
  return each(deps, due, 'settling of a half-done change', async (orgId, e) => {
    if (e.status === 'closed') await closeInRegistry(closing, orgId, e.id);
    if (e.status !== 'draft') return;
    if ((await deps.ballotBox.turnout(orgId, e.id)).status !== 'draft') await recordOpened(deps.registry, orgId, e.id);
    else
      await withTenant(deps.registry, orgId, (tx) =>
        markElection(tx, e.id, { status: 'draft', from: 'draft', changing: 'end' }),
      );
  });
}
