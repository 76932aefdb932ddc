/**
 * S2S requests are answered once per Idempotency-Key. The key is claimed by
 * inserting its row first, in the same transaction as the effect, so a
 * concurrent duplicate waits on the row and then reads the stored answer.
 */
import type { Tx } from '../../common/db/pool.js';

export type Prior = { sameRequest: boolean; status: number; response: unknown };

export async function claimKey(tx: Tx, orgId: string, key: string, requestHash: Buffer): Promise<Prior | undefined> {
  const [claimed] = await tx`
    insert into ballot_box.s2s_requests (org_id, idempotency_key, request_hash, status, response)
    values (${orgId}, ${key}, ${requestHash}, 0, 'null') on conflict do nothing returning 1`;
  if (claimed) return undefined;
  const [prior] = await tx<{ requestHash: Buffer; status: number; response: unknown }[]>`
    select request_hash, status, response from ballot_box.s2s_requests where idempotency_key = ${key}`;
  return {
    sameRequest: !!prior && prior.requestHash.equals(requestHash),
    status: prior?.status ?? 0,
    response: prior?.response,
  };
}

export async function storeAnswer(tx: Tx, key: string, status: number, response: unknown): Promise<void> {
  await tx`update ballot_box.s2s_requests set status = ${status}, response = ${tx.json(response as never)} where idempotency_key = ${key}`;
}
