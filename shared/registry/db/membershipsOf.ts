import { callTimeoutOf, type Sql } from '../../common/db/pool.js';
import { withDeadline } from '../../common/deadline.js';

export type Membership = { orgId: string; orgName: string; role: 'member' | 'admin' };

/**
 * The orgs where `subject` is an active member, across orgs (registry.memberships_of, migration 000023), within
 * the pool's call deadline as every transaction (withTenant): a database that stopped answering is a 503.
 */
export async function membershipsOf(sql: Sql, subject: string): Promise<Membership[]> {
  const rows = sql<Membership[]>`select org_id, org_name, role from registry.memberships_of(${subject})`;
  const timeoutMs = callTimeoutOf(sql);
  return timeoutMs === undefined ? rows : withDeadline(rows, timeoutMs, 'the memberships query');
}
