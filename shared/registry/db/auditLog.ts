import { createHash } from 'node:crypto';
import type { Tx } from '../../common/db/pool.js';

export type AuditEntry = {
  seq: number;
  eventId: string;
  type: string;
  occurredAt: string;
  payload: unknown;
  prevHash: string;
  hash: string;
};

export const genesisHash = '0'.repeat(64);

/**
 * entry hash = SHA-256(prev_hash ‖ "\n" ‖ canonical JSON of {seq, eventId, type, occurredAt, payload}),
 * keys sorted at every level, so any change to an entry or to the order changes every later hash.
 */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const body = canonical({
    seq: entry.seq,
    eventId: entry.eventId,
    type: entry.type,
    occurredAt: entry.occurredAt,
    payload: entry.payload,
  });
  return createHash('sha256').update(`${entry.prevHash}\n${body}`).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

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

export type ChainCheck = { ok: boolean; entries: number; firstBadSeq: number | null };

/** Recomputes the chain in order: the first entry whose place, link or hash does not hold. */
export function verifyChain(entries: AuditEntry[]): ChainCheck {
  let prev = genesisHash;
  for (const [i, entry] of entries.entries()) {
    if (entry.seq !== i + 1 || entry.prevHash !== prev || entryHash(entry) !== entry.hash) {
      return { ok: false, entries: entries.length, firstBadSeq: entry.seq };
    }
    prev = entry.hash;
  }
  return { ok: true, entries: entries.length, firstBadSeq: null };
}

/** Filtered by org explicitly as well: tools may run as a superuser, whom RLS does not restrict. */
export async function auditEntries(tx: Tx, orgId: string): Promise<AuditEntry[]> {
  const rows = await tx<(Omit<AuditEntry, 'seq' | 'occurredAt'> & { seq: string; occurredAt: Date })[]>`
    select seq, event_id, type, occurred_at, payload, prev_hash, hash from registry.audit_log where org_id = ${orgId} order by seq`;
  return rows.map((r) => ({ ...r, seq: Number(r.seq), occurredAt: r.occurredAt.toISOString() }));
}
