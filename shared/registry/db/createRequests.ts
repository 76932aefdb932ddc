import type { Tx } from '../../common/db/pool.js';

/** How long a creation's Idempotency-Key is remembered: far beyond any retry. */
const keepHours = 24;

/**
 * Claims `key` for a creation that will make `resourceId`, in the creation's
 * transaction: undefined when the key is new (go on), the id the first
 * request made when the same request comes again, 'conflict' when the key
 * came with another request. A concurrent request with the same key waits
 * here for the first to commit or roll back.
 */
export async function claimCreation(
  tx: Tx,
  orgId: string,
  key: string,
  requestHash: Buffer,
  resourceId: string,
): Promise<{ resourceId: string } | 'conflict' | undefined> {
  await tx`
    delete from registry.create_requests
    where org_id = ${orgId} and created_at < now() - make_interval(hours => ${keepHours})`;
  const [claimed] = await tx`
    insert into registry.create_requests (org_id, idempotency_key, request_hash, resource_id)
    values (${orgId}, ${key}, ${requestHash}, ${resourceId})
    on conflict do nothing
    returning resource_id`;
  if (claimed) return undefined;
  const [prior] = await tx<{ requestHash: Buffer; resourceId: string }[]>`
    select request_hash, resource_id from registry.create_requests
    where org_id = ${orgId} and idempotency_key = ${key}`;
  if (!prior || !prior.requestHash.equals(requestHash)) return 'conflict';
  return { resourceId: prior.resourceId };
}
