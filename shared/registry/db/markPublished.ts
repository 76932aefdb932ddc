import type { Tx } from '../../common/db/pool.js';

/** Marks the claimed events published, in the transaction that claimed them. */
export async function markPublished(tx: Tx, ids: string[]): Promise<void> {
  await tx`update registry.outbox set published_at = now() where id = any(${ids}::uuid[])`;
}
