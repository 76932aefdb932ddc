import type { Tx } from '../../common/db/pool.js';

/** How many members of the org are active now: who a draft's open would register. */
export async function activeMembers(tx: Tx): Promise<number> {
  const [row] = await tx<{ n: number }[]>`select count(*)::int as n from registry.members where status = 'active'`;
  return row?.n ?? 0;
}
