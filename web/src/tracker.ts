/**
 * "Check my ballot" in the browser: the published tracker's Merkle root
 * recomputed with WebCrypto (the construction of docs/tracker.md and
 * shared/common/crypto/merkle.ts) and the receipt kept on this device looked
 * up: the voter is shown the choices the count holds for it (the device
 * never kept them), to confirm they are theirs. Announced results are
 * counted again from the tracker: the tally, a verdict, a ranked count.
 */
import { recountDiffers } from '../../schemas/recount.js';
import { headerDiffers, headerText, type TrackerHeader } from '../../schemas/trackerHeader.js';
import { lotKey, lotOrderBy, verdictDiffers } from '../../schemas/verdict.js';
import type { ElectionResults } from '../../schemas/api.js';
import { rankedDiffers } from '../../schemas/ranked/count.js';

/** units: a weighted election's ballot, under the root. */
export type TrackerEntry = { receipt: string; choices: string[]; units?: number };
/** header: an election decided by rules (its rules and counts), under the root too. */
export type Tracker = { root: string; ballots: TrackerEntry[]; header?: TrackerHeader | undefined };
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

export async function merkleRoot(entries: TrackerEntry[], header?: TrackerHeader): Promise<string> {
  const ballots = await ballotsRoot(entries);
  return hex(header ? await sha256(new Uint8Array([2]), ballots, await sha256(utf8(headerText(header)))) : ballots);
}

async function ballotsRoot(entries: TrackerEntry[]): Promise<Uint8Array> {
  if (entries.length === 0) return sha256();
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
  return level[0]!;
}

/** The lot's order of the options (docs/rules.md, "Ties"), as shared/common/crypto/lotOrder.ts draws it. */
async function lotOrder(root: string, ids: readonly string[]): Promise<string[]> {
  const digests = await Promise.all(ids.map(async (id) => [id, hex(await sha256(utf8(lotKey(root, id))))] as const));
  return lotOrderBy(ids, new Map(digests));
}

/**
 * Where announced results with rules or a ranked count differ from the tracker's header, from the verdict decided
 * again, or from the count run again on the tracker's rankings (docs/ranked.md), text for text.
 */
async function decidedOtherwise(announced: Announced, tracker: Tracker): Promise<string | undefined> {
  if (!('eligible' in announced) || announced.eligible === undefined) return undefined;
  const stated = { ...announced, eligible: announced.eligible };
  const ids = announced.options.map((o) => o.id);
  return (
    headerDiffers(stated, tracker.header) ??
    (announced.ranked && rankedDiffers(announced.ranked, ids, tracker.ballots, await lotOrder(tracker.root, ids))) ??
    verdictDiffers(
      {
        ...stated,
        tally: announced.options.map((o) => ({ option: o.id, votes: o.votes, units: o.units, voters: o.voters })),
      },
      await lotOrder(
        tracker.root,
        announced.options.map((o) => o.id),
      ),
    )
  );
}

type Announced = Parameters<typeof recountDiffers>[0] & { root: string } & Partial<
    Pick<ElectionResults, 'eligible' | 'eligibleUnits' | 'eligibleVoters' | 'rules' | 'present' | 'verdict' | 'ranked'>
  >;

/**
 * The choices the tracker counts for this receipt. A tracker whose root or order does not hold is invalid, and so
 * is one whose recount (each option's ballots and, weighted, units) differs from the announced results, and one
 * whose announced rules, counts or verdict are not the header's and the verdict decided again (docs/rules.md).
 */
export async function checkBallot(tracker: Tracker, receipt: string, announced?: Announced): Promise<Check> {
  for (let i = 1; i < tracker.ballots.length; i++) {
    if (!(tracker.ballots[i - 1]!.receipt < tracker.ballots[i]!.receipt)) return { found: 'tracker_invalid' };
  }
  const root = await merkleRoot(tracker.ballots, tracker.header);
  if (root !== tracker.root || (announced !== undefined && announced.root !== root)) {
    return { found: 'tracker_invalid' };
  }
  if (announced && recountDiffers(announced, tracker.ballots)) return { found: 'tracker_invalid' };
  if (announced && (await decidedOtherwise(announced, tracker))) return { found: 'tracker_invalid' };
  const found = tracker.ballots.find((b) => b.receipt === receipt);
  return found ? { found: 'counted', choices: found.choices } : { found: 'missing' };
}
