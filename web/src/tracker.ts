/**
 * "Check my ballot" in the browser: the published tracker's Merkle root
 * recomputed with WebCrypto (the construction of docs/tracker.md and
 * shared/common/crypto/merkle.ts) and the receipt kept on this device looked
 * up: the voter is shown the choices the count holds for it (the device
 * never kept them), to confirm they are theirs.
 */
/** units: a weighted election's ballot, under the root. */
export type TrackerEntry = { receipt: string; choices: string[]; units?: number };
import { recountDiffers } from '../../schemas/recount.js';
export type Tracker = { root: string; ballots: TrackerEntry[] };
export type Check = { found: 'counted'; choices: string[] } | { found: 'missing' | 'tracker_invalid' };

const sha256 = async (...parts: Uint8Array[]): Promise<Uint8Array> => {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
};
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const utf8 = (s: string) => new TextEncoder().encode(s);

export async function merkleRoot(entries: TrackerEntry[]): Promise<string> {
  if (entries.length === 0) return hex(await sha256());
  let level = await Promise.all(
    entries.map((e) =>
      sha256(
        new Uint8Array([0]),
        utf8(`${e.receipt}:${e.choices.join(',')}${e.units === undefined ? '' : `:${e.units}`}`),
      ),
    ),
  );
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right ? await sha256(new Uint8Array([1]), level[i]!, right) : level[i]!);
    }
    level = next;
  }
  return hex(level[0]!);
}

/**
 * The choices the tracker counts for this receipt. A tracker whose root or order does not hold is invalid, and so
 * is one whose recount (each option's ballots and, weighted, units) differs from the announced results.
 */
export async function checkBallot(
  tracker: Tracker,
  receipt: string,
  announced?: Parameters<typeof recountDiffers>[0] & { root: string },
): Promise<Check> {
  for (let i = 1; i < tracker.ballots.length; i++) {
    if (!(tracker.ballots[i - 1]!.receipt < tracker.ballots[i]!.receipt)) return { found: 'tracker_invalid' };
  }
  const root = await merkleRoot(tracker.ballots);
  if (root !== tracker.root || (announced !== undefined && announced.root !== root)) {
    return { found: 'tracker_invalid' };
  }
  if (announced && recountDiffers(announced, tracker.ballots)) return { found: 'tracker_invalid' };
  const found = tracker.ballots.find((b) => b.receipt === receipt);
  return found ? { found: 'counted', choices: found.choices } : { found: 'missing' };
}
