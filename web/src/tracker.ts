/**
 * "Check my ballot" in the browser: the published tracker's Merkle root
 * recomputed with WebCrypto (the construction of docs/tracker.md and
 * shared/common/crypto/merkle.ts), the receipt kept on this device looked
 * up, and its choices compared with the ones this device cast.
 */
export type TrackerEntry = { receipt: string; choices: string[] };
export type Tracker = { root: string; ballots: TrackerEntry[] };
export type Check = 'counted_as_cast' | 'counted_otherwise' | 'missing' | 'tracker_invalid';

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
    entries.map((e) => sha256(new Uint8Array([0]), utf8(`${e.receipt}:${e.choices.join(',')}`))),
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

/** Whether the tracker holds this ballot as it was cast; a tracker whose root or order does not hold is invalid. */
export async function checkBallot(tracker: Tracker, mine: TrackerEntry, announcedRoot?: string): Promise<Check> {
  for (let i = 1; i < tracker.ballots.length; i++) {
    if (!(tracker.ballots[i - 1]!.receipt < tracker.ballots[i]!.receipt)) return 'tracker_invalid';
  }
  const root = await merkleRoot(tracker.ballots);
  if (root !== tracker.root || (announcedRoot !== undefined && announcedRoot !== root)) return 'tracker_invalid';
  const found = tracker.ballots.find((b) => b.receipt === mine.receipt);
  if (!found) return 'missing';
  return found.choices.join(',') === mine.choices.join(',') ? 'counted_as_cast' : 'counted_otherwise';
}
