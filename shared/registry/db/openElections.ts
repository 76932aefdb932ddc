import type { Sql } from '../../common/db/pool.js';

/** Every org's open elections (read as the worker role): the lists the tick keeps in step with the roster. */
export async function openElections(sql: Sql): Promise<{ orgId: string; id: string }[]> {
  return sql<{ orgId: string; id: string }[]>`
    select org_id, id from registry.elections where status = 'open' order by org_id, id`;
}
