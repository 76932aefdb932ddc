import type { Sql } from '../../common/db/pool.js';

/** Open elections of every org whose scheduled close has passed (read as the worker role). */
export async function dueClosings(sql: Sql, now: Date): Promise<{ orgId: string; id: string }[]> {
  return sql<{ orgId: string; id: string }[]>`
    select org_id, id from registry.elections
    where status = 'open' and closes_at is not null and closes_at <= ${now} order by closes_at`;
}
