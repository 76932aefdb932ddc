import type { Tx } from '../../common/db/pool.js';

export async function listAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx<{ subject: string }[]>`
    select subject from registry.members where role = 'admin' and status = 'active' order by subject`;
  return rows.map((r) => r.subject);
}
