/**
 * The contract's building blocks, each defined once and used by the HTTP
 * schemas (api.ts), the S2S schemas (s2s.ts) and the domain events
 * (domainEvents.ts). Their limits are the contract's field limits
 * (docs/api.md).
 */
import * as v from 'valibot';
import { Count, OptionId } from './tallyPrimitives.js';
import { Rules } from './rules.js';
import { Amount, Verdict } from './verdict.js';
import { RankedCount } from './ranked/count.js';

export const orgIdPattern = /^[a-z0-9-]{2,40}$/;
export const OrgId = v.pipe(
  v.string(),
  v.regex(orgIdPattern, 'must be 2-40 characters of a-z, 0-9 and -'),
  v.description('An organisation id: a slug of 2–40 characters a–z, 0–9 and -.'),
);

export const Uuid = v.pipe(v.string(), v.uuid('must be a UUID'));

/**
 * No control characters (NUL included, which PostgreSQL's text cannot hold), in any text the system stores: the C0
 * and C1 ranges and DEL (Unicode's Cc, written out so the documents' pattern works in every generator).
 */
const printable = v.regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'must not contain control characters');

/** Characters as people, JSON Schema and PostgreSQL count them: Unicode code points, not UTF-16 units. */
export function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const notEmpty = v.check<string, string>((s) => s.length > 0, 'must not be empty');
/** At most `max` characters (code points: an emoji is one, a flag two). */
const atMost = (max: number) =>
  v.check<string, string>((s) => s.length <= max || characters(s) <= max, `must be at most ${max} characters`);
/** The same bounds in the documents: JSON Schema's minLength and maxLength count code points too. */
const lengthBetween = (min: number, max: number) =>
  v.metadata<string, { minLength: number; maxLength: number }>({ minLength: min, maxLength: max });

/** Text a person reads (names, titles, labels): trimmed, 1 to `max` characters, no control characters. */
export const Text = (max: number) =>
  v.pipe(v.string(), v.trim(), notEmpty, atMost(max), lengthBetween(1, max), printable);

export const Subject = v.pipe(
  v.string(),
  notEmpty,
  atMost(255),
  lengthBetween(1, 255),
  printable,
  v.description(
    "A member's subject at the identity provider (the JWT's sub claim): 1–255 characters (code points), no control characters.",
  ),
);

export const Title = Text(200);

/** 32 bytes in unpadded base64url: 43 characters. Voting tokens, token hashes and receipts. */
export const base64Url32Pattern = /^[A-Za-z0-9_-]{43}$/;
export const Base64Url32 = v.pipe(v.string(), v.regex(base64Url32Pattern, 'must be 43 characters of base64url'));

const rfc3339 =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const earliest = Date.UTC(1970, 0, 1);
const latest = Date.UTC(9999, 0, 1);

/** A real calendar day whose instant lies in 1970…9998 (UTC), so every store and every client can hold it. */
function isStorableInstant(text: string): boolean {
  const [, year, month, day] = rfc3339.exec(text) ?? [];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day)) return false;
  const at = Date.parse(text);
  return at >= earliest && at < latest;
}

export const Timestamp = v.pipe(
  v.string(),
  v.regex(rfc3339, 'must be an RFC 3339 timestamp with a time zone, e.g. 2027-03-01T18:00:00Z'),
  v.check(isStorableInstant, 'must be a real date between 1970 and 9998'),
  v.metadata({ format: 'date-time' }),
  v.description(
    'RFC 3339 date-time, narrowed: uppercase T and Z, seconds always, at most 9 fractional digits, no leap second, ' +
      'an offset Z or ±hh:mm (hh ≤ 23), a real calendar day, and an instant from 1970-01-01 to 9998-12-31 UTC.',
  ),
);

// The tally's own primitives live in tallyPrimitives.ts, so the rules and the verdict can use them too.
export { Count, ElectionKind, OptionId } from './tallyPrimitives.js';

export const BallotMode = v.pipe(
  v.picklist(['sync', 'auto', 'queue']),
  v.description(
    "How ballots are taken (README, 'Overload: the queue fallback'): sync, the fast path; auto, the queue when the fast path would answer 503; queue, every ballot through the queue.",
  ),
);
export type BallotMode = v.InferOutput<typeof BallotMode>;

export const ElectionStatus = v.pipe(
  v.picklist(['draft', 'open', 'closed', 'sealed']),
  v.description('draft → open → closed → sealed; closed is the short window while sealing runs.'),
);
export type ElectionStatus = v.InferOutput<typeof ElectionStatus>;

/**
 * A weighted election's members, counted by their heads: one ballot of 0 units in every member's bundle
 * (docs/secrecy.md, "Weights"; absent for an election opened before heads existed).
 */
export const heads = (what: string) => v.optional(v.pipe(Count, v.description(`A weighted election: ${what}.`)));

/** One option's count in a tally. */
/** votes: ballots choosing the option; units (a weighted election): the units those ballots carried. */
export const VoteCount = v.strictObject({
  option: OptionId,
  votes: Count,
  units: v.optional(Count),
  voters: heads('the members choosing the option (their heads)'),
});
export type VoteCount = v.InferOutput<typeof VoteCount>;

/** What the ballot box publishes at seal: ballots counted, members eligible, the count per option, the tracker's Merkle root. */
export const SealedTally = v.strictObject({
  ballotsCast: Count,
  eligible: v.pipe(Count, v.description('Members who could vote: the tokens registered for the election.')),
  tally: v.array(VoteCount),
  /** A weighted election: the units the ballots carried, and the units the registered tokens carried. */
  unitsCast: v.optional(Count),
  eligibleUnits: v.optional(Count),
  voters: heads('the members who voted (their heads cast)'),
  eligibleVoters: heads('the members who could vote (their heads registered)'),
  /** An election with rules: the rules, the presence frozen at its open (in a meeting), and the verdict. */
  rules: v.optional(Rules),
  present: v.optional(v.nullable(Amount)),
  verdict: v.optional(Verdict),
  /** A ranked election: the count (schemas/ranked/count.ts), every stage, re-countable from the tracker. */
  ranked: v.optional(RankedCount),
  root: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/), v.description("The tracker's Merkle root, lowercase hex.")),
});
export type SealedTally = v.InferOutput<typeof SealedTally>;

/** An election's status, ballots so far and the members who may vote (the tokens registered; stored at the seal). */
export const Turnout = v.strictObject({ status: ElectionStatus, ballotsCast: Count, eligible: Count });
export type Turnout = v.InferOutput<typeof Turnout>;

export function distinct<T>(key: (item: T) => string, what: string) {
  return v.check<T[], string>((items) => new Set(items.map(key)).size === items.length, `${what} must be distinct`);
}
