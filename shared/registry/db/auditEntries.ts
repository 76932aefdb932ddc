import type { Tx } from '../../common/db/pool.js';
import type { AuditEntry } from '../auditChain.js';

/** Filtered by org explicitly as well: tools may run as a superuser, whom RLS does not restrict. */
export async function auditEntries(tx: Tx, orgId: string): Promise<AuditEntry[]> {
  const rows = await tx<(Omit<AuditEntry, 'seq' | 'occurredAt'> & { seq: string; occurredAt: Date })[]>`
    select seq, event_id, type, occurred_at, payload, prev_hash, hash from registry.audit_log where org_id = ${orgId} order by seq`;
  return rows.map((r) => ({ ...r, seq: Number(r.seq), occurredAt: r.occurredAt.toISOString() }));
}
