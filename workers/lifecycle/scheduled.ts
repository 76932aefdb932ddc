/**
 * Scheduled opening and closing, on each tick: drafts whose `opensAt` has come
 * are opened, open elections whose `closesAt` has passed are closed and
 * sealed, each as if the chair had done it, in its org's transaction as the
 * registry's role, and the token secret of every sealed election whose
 * shredding has not happened yet (KMS was away at the close) is shredded.
 * Open elections' registered lists follow the roster: withdrawals left
 * unfinished are finished, and members who became eligible after the open
 * are registered, each election's in one shuffled batch.
 * Opens and closes left half-way (the ballot box answered late, or the
 * registry could not record what it did) are finished, or an open the ballot
 * box never made is forgotten: the two sides agree again within a tick.
 * One failure does not stop the others; the next tick tries again (every step
 * is idempotent on both sides).
 */
import { withTenant, type Sql } from '../../shared/common/db/index.js';
import {
  dropDefinitionNote,
  dueClosings,
  dueOpenings,
  getElection,
  markElection,
  oldDefinitionNotes,
  openElections,
  unfinishedChanges,
  unshreddedKeys,
  type ElectionRow,
} from '../../shared/registry/db/index.js';
import { openInRegistry, recordOpened } from '../../shared/registry/elections/open.js';
import { closeInRegistry } from '../../shared/registry/elections/close.js';
import type { BallotBox } from '../../shared/registry/ballotBox.js';
import { keepUnrecordedDraftMs } from '../../schemas/s2s.js';
import type { ElectionKeys } from '../../shared/registry/electionKeys.js';
import { shredElectionKey } from '../../shared/registry/elections/shred.js';
import { finishWithdrawals, registerLateMembers } from '../../shared/registry/elections/registrations.js';
import type { Logger } from '../../shared/common/log.js';

export type ScheduleDeps = {
  worker: Sql;
  registry: Sql;
  ballotBox: BallotBox;
  electionKeys: ElectionKeys;
  log: Logger;
};

type Step = (orgId: string, election: ElectionRow) => Promise<unknown>;

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
      deps.log.info({ orgId, electionId: id }, `scheduled ${what}`);
    } catch (err) {
      deps.log.warn({ err, orgId, electionId: id }, `scheduled ${what} failed; the next tick retries`);
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
      deps.log.warn({ err, orgId, electionId }, 'shredding failed; the next tick retries');
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

/**
 * Drafts the ballot box keeps for elections the registry never recorded (a
 * creation failed after the ballot box's step, and was not retried under its
 * Idempotency-Key): each note older than the ballot box keeps a draft is
 * settled: dropped if the election was recorded after all, else the ballot
 * box is asked to forget the draft and the note dropped once it has (unless
 * a retry noted it again meanwhile). Returns how many were settled.
 */
export async function forgetUnrecorded(deps: ScheduleDeps, now: Date): Promise<number> {
  const notedBefore = new Date(now.getTime() - keepUnrecordedDraftMs);
  const notes = await oldDefinitionNotes(deps.worker, notedBefore);
  let settled = 0;
  for (const { orgId, electionId } of notes) {
    try {
      const recorded = await withTenant(deps.registry, orgId, (tx) => getElection(tx, electionId));
      if (!recorded && !(await deps.ballotBox.forget(orgId, electionId))) continue; // heard again: a retry records it
      await withTenant(deps.registry, orgId, (tx) => dropDefinitionNote(tx, electionId, notedBefore));
      if (!recorded) deps.log.info({ orgId, electionId }, 'an unrecorded draft forgotten by the ballot box');
      settled++;
    } catch (err) {
      deps.log.warn({ err, orgId, electionId }, 'forgetting an unrecorded draft failed; the next tick retries');
    }
  }
  return settled;
}

/**
 * Open elections' registered lists kept in step with the roster (shared/registry/elections/registrations.ts):
 * withdrawals a roster change left unfinished, then the members who became eligible after each open, in one
 * shuffled batch per election. Returns how many members were registered.
 */
export async function keepRegistrations(deps: ScheduleDeps): Promise<number> {
  const open = await openElections(deps.worker);
  const orgs = [...new Set(open.map((e) => e.orgId))];
  const lists = { sql: deps.registry, ballotBox: deps.ballotBox, electionKeys: deps.electionKeys };
  const withdrawAll = async () => {
    for (const orgId of orgs) {
      await finishWithdrawals(lists, orgId).catch((err: unknown) =>
        deps.log.warn({ err, orgId }, 'finishing withdrawals failed; the next tick retries'),
      );
    }
  };
  await withdrawAll();
  let registered = 0;
  for (const { orgId, id } of open) {
    try {
      const n = await registerLateMembers(lists, orgId, id);
      if (n > 0) deps.log.info({ orgId, electionId: id, registered: n }, 'late members registered');
      registered += n;
    } catch (err) {
      deps.log.warn({ err, orgId, electionId: id }, 'registering late members failed; the next tick retries');
    }
  }
  // A member made inactive while being registered (a roster change racing this tick) loses the token at once.
  if (registered > 0) await withdrawAll();
  return registered;
}
