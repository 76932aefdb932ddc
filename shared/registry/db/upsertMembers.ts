import type { Tx } from '../../common/db/pool.js';

export type MemberUpsert = {
  subject: string;
  role: 'member' | 'admin';
  status: 'active' | 'inactive';
  weight?: number | undefined;
};

/**
 * Inserts or updates roster entries in one statement; an omitted weight keeps
 * the stored one (1 for new members). Returns how many rows were written and
 * how many active admins the org has afterwards.
 */
export async function upsertMembers(
  tx: Tx,
  orgId: string,
  members: MemberUpsert[],
): Promise<{ upserted: number; activeAdmins: number }> {
  const rows = await tx`
    with input as (
      select * from unnest(
        ${members.map((m) => m.subject)}::text[],
        ${members.map((m) => m.role)}::text[],
        ${members.map((m) => m.status)}::text[],
        ${members.map((m) => m.weight ?? null)}::int[]
      ) as i(subject, role, status, weight)
    )
    insert into registry.members as m (org_id, subject, role, status, weight)
    select ${orgId}, subject, role, status, coalesce(weight, 1) from input
    on conflict (org_id, subject) do update
      set role = excluded.role,
          status = excluded.status,
          weight = coalesce((select i.weight from input i where i.subject = excluded.subject), m.weight),
          updated_at = now()
    returning 1`;
  const [admins] = await tx<{ n: number }[]>`
    select count(*)::int as n from registry.members where role = 'admin' and status = 'active'`;
  return { upserted: rows.count, activeAdmins: admins?.n ?? 0 };
}
