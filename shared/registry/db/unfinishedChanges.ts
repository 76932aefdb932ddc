import type { Sql } from '../../common/db/pool.js';
import type { ElectionStatus } from '../../../schemas/api.js';

/** Opens and closes of every org begun before `before` and not recorded as done (read as the worker role). */
export async function unfinishedChanges(
  sql: Sql,
  before: Date,
): Promise<{ orgId: string; id: string; status: ElectionStatus }[]> {
  return sql<{ orgId: string; id: string; status: ElectionStatus }[]>`
    select org_id, id, status from registry.elections
    where changing_since is not null and changing_since < ${before} order by changing_since`;
}
