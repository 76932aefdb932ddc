import type { Tx } from '../../common/db/pool.js';

export type OrgRow = { orgId: string; name: string; createdAt: Date };

/** Inserts the org and its first admins; false when the org id is taken. */
export async function createOrg(
  tx: Tx,
  org: { id: string; name: string; admins: string[] },
): Promise<OrgRow | undefined> {
  const [row] = await tx<OrgRow[]>`
    insert into registry.orgs (org_id, name) values (${org.id}, ${org.name})
    on conflict (org_id) do nothing
    returning org_id, name, created_at`;
  if (!row) return undefined;
  await tx`
    insert into registry.members (org_id, subject, role, status)
    select ${org.id}, subject, 'admin', 'active' from unnest(${org.admins}::text[]) as subject`;
  return row;
}
