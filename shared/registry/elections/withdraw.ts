/**
 * Eligibility follows the roster while an election is open: a member made
 * inactive loses the token the open registered for them. The registry can
 * still derive that token's hash (the election's secret lives until the
 * seal), so it withdraws it from the ballot box; a token that has already
 * voted stays counted, and is reported. Network calls only: the caller holds
 * no transaction.
 */
import { shuffledTokenHashes } from './open.js';
import type { BallotBox } from '../ballotBox.js';
import type { ElectionKeys, WrappedKey } from '../electionKeys.js';
import { maxTokenHashes } from '../../../schemas/s2s.js';

export type Withdrawal = { tokensWithdrawn: number; alreadyVoted: number };

export async function withdrawEligibility(
  deps: { ballotBox: BallotBox; electionKeys: ElectionKeys },
  orgId: string,
  subjects: string[],
  elections: ({ electionId: string } & WrappedKey)[],
): Promise<Withdrawal> {
  const total: Withdrawal = { tokensWithdrawn: 0, alreadyVoted: 0 };
  if (subjects.length === 0) return total;
  for (const election of elections) {
    const secret = await deps.electionKeys.unwrap(orgId, election.electionId, election);
    const hashes = shuffledTokenHashes(secret, subjects);
    for (let i = 0; i < hashes.length; i += maxTokenHashes) {
      const answer = await deps.ballotBox.withdrawTokens(
        orgId,
        election.electionId,
        hashes.slice(i, i + maxTokenHashes),
      );
      total.tokensWithdrawn += answer.withdrawn;
      total.alreadyVoted += answer.used;
    }
  }
  return total;
}
