import type { Sql } from '../../common/db/pool.js';

/** Drafts of every org whose scheduled opening has come (read as the worker role). */
export async function dueOpenings(sql: Sql, now: Date): Promise<{ orgId: string; id: string }[]> {
  return sql<{ orgId: string; id: string }[]>`
    select org_id, id from registry.elections
    where status = 'draft' and opens_at is not null and opens_at <= ${now} order by opens_at`;
}
