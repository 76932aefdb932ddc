import type { Tx } from '../../common/db/pool.js';

/** Marks claimed events published. */
export async function markPublished(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx`update registry.outbox set published_at = now(), claimed_until = null where id = any(${ids}::uuid[])`;
}

/** Gives up the lease on claimed events that were not published, so the next run takes them at once. */
export async function releaseClaims(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx`update registry.outbox set claimed_until = null where id = any(${ids}::uuid[]) and published_at is null`;
}
