/**
 * Whether an election takes ballots, for the queue path, which must promise
 * (202) without the database that is overloaded: the status read from the
 * database at most once a second per election and instance, and trusted for
 * at most `maxAgeMs` when a fresh read fails; every cast on the fast path
 * refreshes it for free (under `auto`, the overload comes after casts that
 * saw the election open). So an instance stops queueing
 * for a closed election at most `maxAgeMs` after the close, which the close's
 * fence (queueFenceMs) covers. With no status known recently enough, the
 * voter is told to retry (503) rather than promised.
 * Before its first enqueue for an election, an instance marks the election as
 * queued for (markQueueUsed, once): a close then waits for the queue's fence,
 * and an election nobody queued for seals at once.
 */
import { lookupElection, markQueueUsed } from '../../../shared/ballot_box/db/index.js';
import { withTenant, type Gate, type Sql } from '../../../shared/common/db/index.js';
import { ApiError } from '../../../shared/common/http/index.js';

export type Openness = {
  isOpen(electionId: string): Promise<boolean>;
  /** What a cast just found (the fast path checks the status in the database): no read needed. */
  saw(electionId: string, open: boolean): void;
  /** Before queueing a ballot: the election marked as queued for, once per instance; false if it is not open. */
  queueing(orgId: string, electionId: string): Promise<boolean>;
};

export function createOpenness(sql: Sql, gate: Gate, options = { refreshMs: 1000, maxAgeMs: 2000 }): Openness {
  const known = new Map<string, { open: boolean; at: number }>();
  const reading = new Map<string, Promise<boolean>>();
  // Only "open" is kept: a draft about to open, or an election read closed, is read again on the next ballot.
  const remember = (electionId: string, open: boolean) => {
    if (open) known.set(electionId, { open, at: Date.now() });
    else known.delete(electionId);
  };

  const read = (electionId: string) => {
    let pending = reading.get(electionId);
    if (!pending) {
      pending = gate
        .run(() => lookupElection(sql, electionId))
        .then((row) => {
          const open = row?.status === 'open';
          remember(electionId, open);
          return open;
        })
        .finally(() => reading.delete(electionId));
      reading.set(electionId, pending);
    }
    return pending;
  };

  const marked = new Set<string>();
  const marking = new Map<string, Promise<boolean>>();
  const mark = (orgId: string, electionId: string) => {
    let pending = marking.get(electionId);
    if (!pending) {
      // Past the gate: the queue is used when its places are taken, and this is one statement per election and
      // instance (it pipelines onto a busy connection); the enqueue's own deadline bounds the wait.
      pending = withTenant(sql, orgId, (tx) => markQueueUsed(tx, electionId))
        .then((open) => {
          if (open) marked.add(electionId);
          else remember(electionId, false);
          return open;
        })
        .finally(() => marking.delete(electionId));
      marking.set(electionId, pending);
    }
    return pending;
  };

  return {
    saw: remember,
    queueing: async (orgId, electionId) => marked.has(electionId) || mark(orgId, electionId),
    async isOpen(electionId) {
      const last = known.get(electionId);
      const age = last ? Date.now() - last.at : Infinity;
      if (last && age < options.refreshMs) return last.open;
      try {
        return await read(electionId);
      } catch {
        if (last && Date.now() - last.at < options.maxAgeMs) return last.open;
        throw new ApiError('overloaded', 'too many ballots at once; retry shortly');
      }
    },
  };
}
