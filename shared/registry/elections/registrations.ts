/**
 * Keeping an open election's registered list (who holds a token hash at the
 * ballot box) in step with the roster, never at a member's request and with
 * no transaction open across a network call:
 * - withdrawals: a member made inactive while an election is open loses the
 *   token the open registered for them. The roster change is written first
 *   (their token requests are refused from then on); their hash, which the
 *   registry can derive until the seal, is then withdrawn from the ballot
 *   box, and they leave the list. A token that has already voted stays
 *   counted, and is reported. A withdrawal that did not finish is finished by
 *   the next roster change of the org or the lifecycle tick, from the list
 *   itself (a listed member who is inactive).
 * - late registrations: members who became eligible after the open are
 *   registered together, in a shuffled batch, by the lifecycle tick. Until
 *   then their token request answers `registration_pending`.
 */
import { withTenant, type Sql } from '../../common/db/index.js';
import { DomainError } from '../../common/domainError.js';
import {
  clearWithdrawn,
  electionKey,
  getElection,
  listRegistered,
  openElectionKeys,
  pendingWithdrawals,
  listedClassSizes,
  recordEvent,
  unregisteredMembers,
} from '../db/index.js';
import type { BallotBox } from '../ballotBox.js';
import type { ElectionKeys } from '../electionKeys.js';
import { maxTokenHashes } from '../../../schemas/s2s.js';
import { bundleWithin, withHead } from './denominations.js';
import { inChunks, shuffledRegistration, type Registered } from './memberTokens.js';

export type RegistrationDeps = { sql: Sql; ballotBox: BallotBox; electionKeys: ElectionKeys };
export type Withdrawal = { tokensWithdrawn: number; alreadyVoted: number };

/** A change the ballot box refuses because the election is no longer open: nothing left to keep in step. */
const overAlready = (err: unknown) =>
  err instanceof DomainError && (err.code === 'election_not_open' || err.code === 'invalid_transition');

/** Finishes every withdrawal of the org's open elections that is not done yet; returns what this call did. */
export async function finishWithdrawals(deps: RegistrationDeps, orgId: string): Promise<Withdrawal> {
  const total: Withdrawal = { tokensWithdrawn: 0, alreadyVoted: 0 };
  const pending = await withTenant(deps.sql, orgId, async (tx) => {
    const byElection = await pendingWithdrawals(tx);
    return { byElection, keys: byElection.size ? await openElectionKeys(tx) : [] };
  });
  for (const key of pending.keys) {
    const members = pending.byElection.get(key.electionId);
    if (!members) continue;
    const subjects = members.map((m) => m.subject);
    const { hashes } = await deps.electionKeys.withKey(orgId, key.electionId, key, (k) =>
      shuffledRegistration(k, members),
    );
    const done: Withdrawal = { tokensWithdrawn: 0, alreadyVoted: 0 };
    try {
      for (let i = 0; i < hashes.length; i += maxTokenHashes) {
        const answer = await deps.ballotBox.withdrawTokens(orgId, key.electionId, hashes.slice(i, i + maxTokenHashes));
        done.tokensWithdrawn += answer.withdrawn;
        done.alreadyVoted += answer.used;
      }
    } catch (err) {
      if (!overAlready(err)) throw err;
      continue; // the seal deletes the list
    }
    const cleared = await withTenant(deps.sql, orgId, async (tx) => {
      const n = await clearWithdrawn(tx, key.electionId, subjects);
      if (n > 0) await recordEvent(tx, orgId, 'tokens.withdrawn', { electionId: key.electionId, ...done });
      return n;
    });
    if (cleared === 0) continue; // another call finished it and reported it
    total.tokensWithdrawn += done.tokensWithdrawn;
    total.alreadyVoted += done.alreadyVoted;
  }
  return total;
}

/** Registers, in one shuffled batch, the members who became eligible after the open; returns how many. */
export async function registerLateMembers(deps: RegistrationDeps, orgId: string, electionId: string): Promise<number> {
  const found = await withTenant(deps.sql, orgId, async (tx) => {
    const election = await getElection(tx, electionId);
    if (election?.status !== 'open') return undefined;
    const late = await unregisteredMembers(tx, electionId);
    if (!late.length) return undefined;
    // A weighted election: each in the denominations the open left with k members or more, and a head.
    const classes = election.weighted ? await listedClassSizes(tx, electionId) : undefined;
    const members: Registered[] = late.map(({ subject, weight }) => ({
      subject,
      units: classes ? withHead(bundleWithin(weight, classes, election.anonymityK)) : null,
    }));
    return { members, key: await electionKey(tx, electionId) };
  });
  if (!found?.key || found.key.shreddedAt) return 0;
  const registration = await deps.electionKeys.withKey(orgId, electionId, found.key, (k) =>
    shuffledRegistration(k, found.members),
  );
  try {
    for (const chunk of inChunks(registration, maxTokenHashes))
      await deps.ballotBox.registerTokens(orgId, electionId, chunk.hashes, chunk.units);
  } catch (err) {
    if (overAlready(err)) return 0;
    throw err;
  }
  return withTenant(deps.sql, orgId, async (tx) => {
    const n = await listRegistered(tx, orgId, electionId, found.members);
    if (n > 0) await recordEvent(tx, orgId, 'tokens.registered', { electionId, registered: n });
    return n;
  });
}
