/**
 * What the member pages poll (GET /v1/me/elections), kept per instance so a
 * hall of phones asking every 1.5 s costs a handful of statements a second,
 * not one per phone: each org's current elections are read at most every
 * 0.5 s (and again at once after an open or a close on this instance; a
 * token request, which changes nothing members see, leaves it alone), each
 * member's orgs at most every 30 s (and again after a roster import here).
 * So an open or a close reaches every phone within one poll plus 0.5 s, and
 * a member removed from a roster stops seeing its elections' titles within
 * 30 s (a token request checks the roster itself).
 */
import { withTenant, type Sql } from '../../shared/common/db/index.js';
import { freshCache } from '../../shared/common/freshCache.js';
import { currentElections, membershipsOf, type Membership } from '../../shared/registry/db/index.js';
import type { ElectionSummary } from '../../schemas/api.js';
import { toSummary } from './answers.js';

export type MemberViews = {
  memberships(subject: string): Promise<Membership[]>;
  /** The org's elections open or being sealed, and its latest sealed ones, newest first. */
  current(orgId: string): Promise<ElectionSummary[]>;
  /** An open or a close of one of the org's elections committed on this instance: its list is read again. */
  changed(orgId: string): void;
  /** A roster import committed on this instance: every member's orgs are read again. */
  rosterChanged(): void;
};

export const viewTimes = { electionsMaxAgeMs: 500, membershipsMaxAgeMs: 30_000, sealedShown: 5 };

export function createMemberViews(sql: Sql, times = viewTimes): MemberViews {
  const orgsOf = freshCache((subject: string) => membershipsOf(sql, subject), {
    maxAgeMs: times.membershipsMaxAgeMs,
    maxKeys: 50_000,
  });
  const lists = freshCache(
    (orgId: string) =>
      withTenant(sql, orgId, async (tx) => (await currentElections(tx, times.sealedShown)).map(toSummary)),
    { maxAgeMs: times.electionsMaxAgeMs, maxKeys: 5_000 },
  );
  return {
    memberships: (subject) => orgsOf.get(subject),
    current: (orgId) => lists.get(orgId),
    changed: (orgId) => lists.forget(orgId),
    rosterChanged: () => orgsOf.forgetAll(),
  };
}
