/**
 * The ballot tracker's Merkle root (see docs/tracker.md).
 *   leaf  = SHA-256(0x00 ‖ UTF-8(receipt ‖ ":" ‖ choices joined by ","))
 *           and, for a weighted election's ballot, ‖ UTF-8(":" ‖ units in decimal)
 *   node  = SHA-256(0x01 ‖ left ‖ right)
 * Leaves are taken in tracker order (sorted by receipt). On a level with an
 * odd count the last node is carried up unchanged (never duplicated, so two
 * different ballot lists cannot share a root). The root of an empty tracker
 * is SHA-256 of nothing. An election decided by rules has a header (its
 * rules and counts: schemas/trackerHeader.ts), and its root is
 *   SHA-256(0x02 ‖ ballots' root ‖ SHA-256(UTF-8(the header's canonical JSON)))
 * The root is written as lowercase hex.
 */
import { createHash } from 'node:crypto';
import type { TrackerEntry } from '../../../schemas/api.js';
import { headerText, type TrackerHeader } from '../../../schemas/trackerHeader.js';

const sha256 = (...parts: (Uint8Array | string)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export function leafHash(entry: TrackerEntry): Buffer {
  const units = entry.units === undefined ? '' : `:${entry.units}`;
  return sha256(Buffer.from([0]), `${entry.receipt}:${entry.choices.join(',')}${units}`);
}

export function merkleRoot(entries: TrackerEntry[], header?: TrackerHeader): string {
  const ballots = ballotsRoot(entries);
  return (header ? sha256(Buffer.from([2]), ballots, sha256(headerText(header))) : ballots).toString('hex');
}

function ballotsRoot(entries: TrackerEntry[]): Buffer {
  if (entries.length === 0) return sha256();
  let level = entries.map(leafHash);
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right ? sha256(Buffer.from([1]), level[i]!, right) : level[i]!);
    }
    level = next;
  }
  return level[0]!;
}

/** A tracker is valid when it is sorted by receipt, receipts are unique and the root matches. */
export function verifyTracker(tracker: { root: string; ballots: TrackerEntry[]; header?: TrackerHeader | undefined }): {
  ok: boolean;
  problem?: string;
} {
  for (let i = 1; i < tracker.ballots.length; i++) {
    if (!(tracker.ballots[i - 1]!.receipt < tracker.ballots[i]!.receipt))
      return { ok: false, problem: `not sorted or duplicate receipt at ${i}` };
  }
  const root = merkleRoot(tracker.ballots, tracker.header);
  return root === tracker.root ? { ok: true } : { ok: false, problem: `root mismatch: computed ${root}` };
}
