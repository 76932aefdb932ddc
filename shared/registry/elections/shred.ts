/**
 * Shredding an election's token secret after its seal has committed: the KMS
 * key version that wraps it is destroyed (a network call, so outside any
 * transaction), then the registry records it and drops the wrapped copy.
 * Repeating it is harmless; if KMS cannot be reached, the election stays
 * unshredded and the lifecycle worker's next tick tries again.
 */
import { withTenant, type Sql } from '../../common/db/index.js';
import { electionKey, markKeyShredded } from '../db/index.js';
import type { ElectionKeys } from '../electionKeys.js';

export async function shredElectionKey(
  sql: Sql,
  keys: ElectionKeys,
  orgId: string,
  electionId: string,
): Promise<boolean> {
  keys.forget(orgId, electionId);
  const stored = await withTenant(sql, orgId, (tx) => electionKey(tx, electionId));
  if (!stored || stored.shreddedAt) return false;
  await keys.destroy(stored.keyVersion);
  await withTenant(sql, orgId, (tx) => markKeyShredded(tx, electionId));
  return true;
}
