/**
 * Opening a draft from the registry's side, with no transaction open across
 * a network call:
 * 1. in a short transaction, the open is recorded as begun (`changing_since`,
 *    with the closing time, so a time PostgreSQL cannot store fails here,
 *    before the ballot box is asked), with the election's wrapped key and the
 *    members who may vote now, who are put on the election's registered list
 *    in one batch, in a random order (a token request then only reads it,
 *    issueToken.ts; members eligible later are registered by the lifecycle
 *    tick, registrations.ts);
 * 2. outside any transaction, the draft's definition as the registry holds
 *    it now (an edit may have changed it since the creation registered it),
 *    sent to the ballot box with its revision; every such member's token
 *    hash, derived from the election's secret and registered with the
 *    ballot box in a random order; then the ballot box opens, in the
 *    registry's ballot mode. So the ballot box learns the hashes
 *    all at once, not when each member asks for a token: nothing in either
 *    side's WAL pairs a member with a hash by time or order;
 * 3. in a short transaction the registry's copy follows and the event is
 *    recorded, once (a concurrent open finds it no longer a draft).
 * An open that fails after 1 leaves a draft the registry knows may be open
 * at the ballot box: the chair's retry finishes it, and the lifecycle
 * worker's tick finishes it or, if the ballot box never opened, forgets it
 * (reconcile.ts). Used by the chair's open route and by the lifecycle worker
 * for drafts whose `opensAt` has come. Every step is idempotent.
 */
import { withTenant, type Sql, type Tx } from '../../common/db/index.js';
import type { Amount } from '../../../schemas/verdict.js';
import { DomainError } from '../../common/domainError.js';
import {
  attendanceOf,
  openLock,
  type ElectionRow,
  activeWeights,
  electionKey,
  getElection,
  markElection,
  recordEvent,
  registerActiveMembers,
  registerBundles,
} from '../db/index.js';
import { denominate, TooManyBallots, withHead } from './denominations.js';
import { inChunks, shuffledRegistration } from './memberTokens.js';
import type { BallotBox } from '../ballotBox.js';
import type { ElectionKeys } from '../electionKeys.js';
import { maxTokenHashes } from '../../../schemas/s2s.js';
import type { BallotMode } from '../../../schemas/common.js';

export type OpenDeps = { sql: Sql; ballotBox: BallotBox; electionKeys: ElectionKeys };

/** The most ballots a weighted election's bundles may come to (denominations.ts): beyond it the open is refused. */
export const maxWeightedBallots = 200_000;

export async function openInRegistry(
  deps: OpenDeps,
  orgId: string,
  electionId: string,
  closesAt: string | null,
  ballotMode?: BallotMode,
): Promise<'opened' | 'not_draft'> {
  const begun = await withTenant(deps.sql, orgId, async (tx) => {
    // No check-in, check-out or own proxy change from here until the vote closes (attendance.ts); the presence is
    // frozen below.
    await openLock(tx, orgId, 'open');
    if (!(await markElection(tx, electionId, { status: 'draft', from: 'draft', closesAt, changing: 'begin' })))
      return undefined;
    // The mode asked for at the open; the ballot box takes it in its open's transaction.
    if (ballotMode) await tx`update registry.elections set ballot_mode = ${ballotMode} where id = ${electionId}`;
    // Marked as opening: no edit changes the definition from here on (editDraft.ts).
    const election = (await getElection(tx, electionId))!;
    return {
      election,
      present: await freezePresence(tx, election),
      key: await electionKey(tx, electionId),
      members: election.weighted
        ? await registerBundles(tx, orgId, electionId, bundlesOf(await activeWeights(tx), election.anonymityK))
        : await registerActiveMembers(tx, orgId, electionId),
    };
  });
  if (!begun) return 'not_draft';
  const { election, key, members, present } = begun;
  if (!key || key.shreddedAt) throw new DomainError('invalid_transition', 'the election has no token secret left');
  await deps.ballotBox.define(orgId, electionId, {
    kind: election.kind,
    optionIds: election.options.map((o) => o.id),
    maxChoices: election.maxChoices,
    revision: election.revision,
    ...(election.weighted ? { weighted: true } : {}),
    ...(election.rules ? { rules: election.rules } : {}),
    ...(election.ranked ? { ranked: election.ranked } : {}),
  });
  const registration = await deps.electionKeys.withKey(orgId, electionId, key, (k) => shuffledRegistration(k, members));
  for (const chunk of inChunks(registration, maxTokenHashes))
    await deps.ballotBox.registerTokens(orgId, electionId, chunk.hashes, chunk.units);
  await deps.ballotBox.open(orgId, electionId, election.ballotMode ?? undefined, present ?? undefined);
  return (await recordOpened(deps.sql, orgId, electionId)) ? 'opened' : 'not_draft';
}

/**
 * Every active member's bundle with its head, or the open refused when keeping every class at k would take too
 * many ballots.
 */
function bundlesOf(weights: Map<string, number>, k: number): Map<string, number[]> {
  try {
    return new Map([...denominate(weights, k, maxWeightedBallots)].map(([subject, b]) => [subject, withHead(b)]));
  } catch (err) {
    if (err instanceof TooManyBallots)
      throw new DomainError(
        'invalid_transition',
        `the weights are too uneven to keep every denomination with ${k} members or more (${err.ballots} ballots, ` +
          `at most ${err.max}): lower anonymityK, or open unweighted`,
      );
    throw err;
  }
}

/**
 * An election in a meeting: who is present now (active members checked in; units are weights in a weighted
 * election, else members), written on the election, never changed after; null outside a meeting.
 */
async function freezePresence(tx: Tx, election: ElectionRow): Promise<Amount | null> {
  if (!election.meetingId) return null;
  const { present } = await attendanceOf(tx, election.meetingId, '');
  const counted = { members: present.members, units: election.weighted ? present.units : present.members };
  await tx`
    update registry.elections set present_members = ${counted.members}, present_units = ${counted.units}
    where id = ${election.id}`;
  return counted;
}

/** The registry's copy follows an open the ballot box has made, and the event is recorded; false if it already had. */
export async function recordOpened(sql: Sql, orgId: string, electionId: string): Promise<boolean> {
  return withTenant(sql, orgId, async (tx) => {
    if (!(await markElection(tx, electionId, { status: 'open', from: 'draft', changing: 'end' }))) return false;
    const election = await getElection(tx, electionId);
    await recordEvent(tx, orgId, 'election.opened', {
      electionId,
      closesAt: election?.closesAt?.toISOString() ?? null,
      ...(election?.presentMembers === null || election?.presentMembers === undefined
        ? {}
        : { present: { members: election.presentMembers, units: election.presentUnits ?? election.presentMembers } }),
    });
    return true;
  });
}
