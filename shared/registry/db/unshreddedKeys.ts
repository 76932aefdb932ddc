import type { Sql } from '../../common/db/pool.js';

/** Every org's election keys not shredded yet (read as the worker role, which sees no wrapped key). */
export async function unshreddedKeys(sql: Sql): Promise<{ orgId: string; electionId: string }[]> {
  return sql<{ orgId: string; electionId: string }[]>`
    select org_id, election_id from registry.election_keys where shredded_at is null order by org_id, election_id`;
}
