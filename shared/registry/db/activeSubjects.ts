import type { Tx } from '../../common/db/pool.js';

/** The org's members who may vote now. */
export async function activeSubjects(tx: Tx): Promise<string[]> {
  const rows = await tx<{ subject: string }[]>`select subject from registry.members where status = 'active'`;
  return rows.map((r) => r.subject);
}
