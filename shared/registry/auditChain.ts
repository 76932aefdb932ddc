/**
 * The audit log's hash chain, per org: each entry's hash covers the previous
 * entry's hash and the entry itself, so changing, deleting or reordering
 * entries breaks the chain from that entry on (npm run audit:verify).
 */
import { createHash } from 'node:crypto';

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
