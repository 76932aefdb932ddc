/**
 * Election definitions by id, cached in the instance. A definition (org,
 * kind, options, max choices) never changes once registered, so a ballot
 * needs no extra round trip to validate its choices or to learn its tenant.
 * Status is not cached: the cast statement checks it in the database. A
 * draft is not cached at all: its ballot mode may still be set at the open.
 */
import { lookupElection, type BallotBoxElection } from '../../shared/ballot_box/db/index.js';
import type { Gate, Sql } from '../../shared/common/db/index.js';

export type CachedElection = Omit<BallotBoxElection, 'status'>;
export type DefinitionCache = {
  /** The cached definition, without a promise: the hot path's usual case. */
  cached(electionId: string): CachedElection | undefined;
  get(electionId: string): Promise<CachedElection | undefined>;
};

export function createDefinitionCache(sql: Sql, gate: Gate, maxEntries = 10_000): DefinitionCache {
  const cache = new Map<string, CachedElection>();
  return {
    cached: (electionId) => cache.get(electionId),
    async get(electionId) {
      const hit = cache.get(electionId);
      if (hit) return hit;
      const row = await gate.run(() => lookupElection(sql, electionId));
      if (!row) return undefined;
      const { status, ...definition } = row;
      if (status === 'draft') return definition;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(electionId, definition);
      return definition;
    },
  };
}
