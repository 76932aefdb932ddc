import type { Tx } from '../../common/db/pool.js';
import { entryHash, genesisHash, type AuditEntry } from '../auditChain.js';

/** Appends to the org's chain; the org's advisory lock keeps two appends from taking the same place. */
export async function appendAudit(
  tx: Tx,
  orgId: string,
  event: { eventId: string; type: string; occurredAt: string; payload: unknown },
): Promise<AuditEntry> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`audit:${orgId}`}, 0))`;
  const [last] = await tx<{ seq: string; hash: string }[]>`
    select seq, hash from registry.audit_log where org_id = ${orgId} order by seq desc limit 1`;
  const base = {
    seq: Number(last?.seq ?? 0) + 1,
    ...event,
    occurredAt: new Date(event.occurredAt).toISOString(),
    prevHash: last?.hash ?? genesisHash,
  };
  const entry: AuditEntry = { ...base, hash: entryHash(base) };
  await tx`
    insert into registry.audit_log (org_id, seq, event_id, type, occurred_at, payload, prev_hash, hash)
    values (${orgId}, ${entry.seq}, ${entry.eventId}, ${entry.type}, ${entry.occurredAt}, ${tx.json(entry.payload as never)}, ${entry.prevHash}, ${entry.hash})`;
  return entry;
}
