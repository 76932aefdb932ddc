/**
 * Opening a draft from the registry's side, with no transaction open across
 * a network call:
 * 1. in a short transaction, the election's wrapped key and the members who
 *    may vote now;
 * 2. outside any transaction, every such member's token hash, derived from
 *    the election's secret and registered with the ballot box in a random
 *    order, then the ballot box opens. So the ballot box learns the hashes
 *    all at once, not when each member asks for a token: nothing in either
 *    side's WAL pairs a member with a hash by time or order;
 * 3. the registry's copy follows and the event is recorded, once (a second
 *    open finds it no longer a draft).
 * Used by the chair's open route and by the lifecycle worker for drafts whose
 * `opensAt` has come. Every step is idempotent, so a retry completes it.
 */
import { withTenant, type Sql } from '../../common/db/index.js';
import { DomainError } from '../../common/domainError.js';
import { deriveToken, shuffled, tokenHash } from '../../common/crypto/index.js';
import { activeSubjects, electionKey, markElection, recordEvent } from '../db/index.js';
import type { BallotBox } from '../ballotBox.js';
import type { ElectionKeys } from '../electionKeys.js';
import { maxTokenHashes } from '../../../schemas/s2s.js';

export type OpenDeps = { sql: Sql; ballotBox: BallotBox; electionKeys: ElectionKeys };

/** Each member's token hash, in a random order. */
export function shuffledTokenHashes(secret: Buffer, subjects: string[]): string[] {
  return shuffled(subjects.map((s) => tokenHash(deriveToken(secret, s)).toString('base64url')));
}

export async function openInRegistry(
  deps: OpenDeps,
  orgId: string,
  electionId: string,
  closesAt: string | null,
): Promise<'opened' | 'not_draft'> {
  const { key, subjects } = await withTenant(deps.sql, orgId, async (tx) => ({
    key: await electionKey(tx, electionId),
    subjects: await activeSubjects(tx),
  }));
  if (!key || key.shreddedAt) throw new DomainError('invalid_transition', 'the election has no token secret left');
  const secret = await deps.electionKeys.unwrap(orgId, electionId, key);
  const hashes = shuffledTokenHashes(secret, subjects);
  for (let i = 0; i < hashes.length; i += maxTokenHashes) {
    await deps.ballotBox.registerTokens(orgId, electionId, hashes.slice(i, i + maxTokenHashes));
  }
  await deps.ballotBox.open(orgId, electionId);
  return withTenant(deps.sql, orgId, async (tx) => {
    if (!(await markElection(tx, electionId, { status: 'open', from: 'draft', closesAt }))) return 'not_draft';
    await recordEvent(tx, orgId, 'election.opened', {
      electionId,
      closesAt: closesAt ? new Date(closesAt).toISOString() : null,
    });
    return 'opened';
  });
}
