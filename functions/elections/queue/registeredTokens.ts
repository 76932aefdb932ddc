/**
 * Which token hashes an election has registered, held in memory for the
 * queue path: a ballot is promised (202) and becomes a task only if its
 * token is registered, so nobody can flood the queue with made-up tokens
 * (or poison it: a task that can never count still costs a dispatch) while
 * the fast path answers the same ballot 401. The set is read once per
 * election and instance (20,000 hashes are about 2 MB), warmed on the first
 * ballot the instance sees for the election, and read again on a miss at most
 * once every `refreshMs`, so a member registered late is found within that
 * time and a flood of unknown tokens costs at most one read a second. A token
 * withdrawn since the read is still enqueued; the task handler refuses it.
 * With no set read yet and the database not answering, the voter is told to
 * retry (503), never promised.
 */
import { registeredHashes } from '../../../shared/ballot_box/db/index.js';
import type { Gate, Sql } from '../../../shared/common/db/index.js';
import { ApiError } from '../../../shared/common/http/index.js';

export type RegisteredTokens = {
  /** Starts reading the election's set if it is not held yet; never waits, never fails. */
  warm(orgId: string, electionId: string): void;
  /** Whether the token hash (base64url) is registered for the election. */
  has(orgId: string, electionId: string, hash: string): Promise<boolean>;
};

export function createRegisteredTokens(
  sql: Sql,
  gate: Gate,
  options = { refreshMs: 1000, maxElections: 50 },
): RegisteredTokens {
  const held = new Map<string, { hashes: Set<string>; at: number }>();
  const reading = new Map<string, Promise<Set<string>>>();

  const read = (orgId: string, electionId: string) => {
    let pending = reading.get(electionId);
    if (!pending) {
      pending = gate
        .run(() => registeredHashes(sql, orgId, electionId))
        .then((list) => {
          const hashes = new Set(list);
          held.delete(electionId);
          if (held.size >= options.maxElections) held.delete(held.keys().next().value!);
          held.set(electionId, { hashes, at: Date.now() });
          return hashes;
        })
        .finally(() => reading.delete(electionId));
      reading.set(electionId, pending);
    }
    return pending;
  };

  return {
    warm(orgId, electionId) {
      if (!held.has(electionId)) read(orgId, electionId).catch(() => {});
    },
    async has(orgId, electionId, hash) {
      const last = held.get(electionId);
      if (last?.hashes.has(hash)) return true;
      if (last && Date.now() - last.at < options.refreshMs) return false;
      try {
        return (await read(orgId, electionId)).has(hash);
      } catch {
        if (last) return false;
        throw new ApiError('overloaded', 'too many ballots at once; retry shortly');
      }
    },
  };
}
