import type { Sql } from '../../common/db/pool.js';

export type Membership = { orgId: string; orgName: string; role: 'member' | 'admin' };

/** The orgs where `subject` is an active member, across orgs (registry.memberships_of, migration 000023). */
export async function membershipsOf(sql: Sql, subject: string): Promise<Membership[]> {
  return sql<Membership[]>`select org_id, org_name, role from registry.memberships_of(${subject})`;
}
