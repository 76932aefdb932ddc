/**
 * The verdict a chair announces, from the counts and the election's rules
 * (schemas/rules.ts; docs/rules.md explains each with a worked example):
 * whether the quorum was met, the base the majority is a share of, the
 * smallest count that carries, and what carried or who was elected; a tie
 * is broken by the lot order given (drawn from the sealed root by the
 * caller, who has the hash function) or left to the chair, never silently.
 * Integers only: "at least two thirds" is count ≥ ⌈2·base/3⌉, so there is
 * no rounding to argue about. Pure, with no Node or browser API: the seal,
 * `npm run tracker:verify` and the browser decide with it alike.
 */
import * as v from 'valibot';
import { Count, ElectionKind, OptionId } from './tallyPrimitives.js';
import type { Fraction, Rules } from './rules.js';
import { canonical } from './canonical.js';

/** Members (heads; an unweighted election's ballots) and units. */
export const Amount = v.strictObject({ members: Count, units: Count });
export type Amount = v.InferOutput<typeof Amount>;

export type Tallies = {
  options: ({ option: string } & Amount)[];
  voted: Amount;
  entitled: Amount;
  /** Frozen at the open; null when the election is in no meeting. */
  present: Amount | null;
};

export const Outcome = v.picklist(['carried', 'rejected', 'elected', 'no_majority', 'tie', 'no_quorum']);

export const Verdict = v.strictObject({
  outcome: v.pipe(
    Outcome,
    v.description(
      'carried / rejected (a yes/no vote); elected (a choice: see elected); no_majority (no option reached the ' +
        'majority: a run-off, for an absolute majority); tie (the chair decides); no_quorum.',
    ),
  ),
  /** What was decided: a yes/no vote or a choice of `places` (so a recount can decide again). */
  kind: ElectionKind,
  places: Count,
  by: v.picklist(['members', 'units']),
  quorum: v.nullable(
    v.strictObject({ measure: v.picklist(['present', 'voted']), required: Count, reached: Count, met: v.boolean() }),
  ),
  base: v.pipe(Count, v.description('What the majority is a share of, in members or units.')),
  required: v.pipe(
    v.nullable(Count),
    v.description('The smallest count that carries or elects (null: the most votes, a simple majority of a choice).'),
  ),
  options: v.array(v.strictObject({ option: OptionId, count: Count, passed: v.boolean() })),
  elected: v.array(OptionId),
  tie: v.optional(
    v.strictObject({
      options: v.array(OptionId),
      decidedBy: v.picklist(['lot', 'chair']),
    }),
  ),
});
export type Verdict = v.InferOutput<typeof Verdict>;

const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);
const atLeast = (f: Fraction, of: number) => ceilDiv(f.num * of, f.den);

/** The smallest count that reaches the majority of `base` (null: a choice's simple majority, the most votes). */
function requiredFor(rules: Rules, kind: ElectionKind, base: number, against: number): number | null {
  const m = rules.majority;
  if (m === 'simple') return kind === 'yes_no_abstain' ? against + 1 : null;
  const needed =
    m === 'absolute'
      ? Math.floor(base / 2) + 1
      : m === 'two_thirds'
        ? atLeast({ num: 2, den: 3 }, base)
        : atLeast(m, base);
  return Math.max(1, needed);
}

export function decide(
  kind: ElectionKind,
  seats: number,
  rules: Rules,
  t: Tallies,
  /** Every option id in the order the lot gives (the tie-break's; needed only when rules.tieBreak is lot). */
  lotOrder: readonly string[] = [],
): Verdict {
  const by = rules.by;
  const of = (a: Amount | null) => (a ? a[by] : 0);
  const count = new Map(t.options.map((o) => [o.option, o[by]]));
  const n = (id: string) => count.get(id) ?? 0;

  const quorum = rules.quorum && {
    measure: rules.quorum.measure,
    required:
      typeof rules.quorum.atLeast === 'number'
        ? rules.quorum.atLeast
        : Math.max(
            1,
            atLeast(rules.quorum.atLeast, of(rules.quorum.atLeast.of === 'present' ? t.present : t.entitled)),
          ),
    reached: of(rules.quorum.measure === 'present' ? t.present : t.voted),
  };
  const quorumOut = quorum ? { ...quorum, met: quorum.reached >= quorum.required } : null;

  const allOptions = t.options.reduce((s, o) => s + o[by], 0);
  const base =
    rules.base === 'present'
      ? of(t.present)
      : rules.base === 'entitled'
        ? of(t.entitled)
        : kind === 'yes_no_abstain'
          ? n('yes') + n('no') + (rules.base === 'votes_and_abstentions' ? n('abstain') : 0)
          : kind === 'single'
            ? allOptions
            : of(t.voted); // several choices a ballot: the share of those who voted
  const required = requiredFor(rules, kind, base, n('no'));
  const places = kind === 'multi' ? seats : 1;
  const verdict = (outcome: Verdict['outcome'], elected: string[], tie?: Verdict['tie']): Verdict => ({
    outcome,
    kind,
    places,
    by,
    quorum: quorumOut,
    base,
    required,
    options: t.options.map((o) => ({
      option: o.option,
      count: o[by],
      passed: outcome === 'carried' ? o.option === 'yes' : elected.includes(o.option),
    })),
    elected,
    ...(tie ? { tie } : {}),
  });

  if (quorumOut && !quorumOut.met) return verdict('no_quorum', []);
  if (kind === 'yes_no_abstain') return verdict(n('yes') >= required! ? 'carried' : 'rejected', []);

  // A choice: the options that reach the majority (a simple one: any vote), most votes first, then by id.
  const reaching = t.options
    .map((o) => o.option)
    .filter((id) => n(id) >= (required ?? 1))
    .sort((a, b) => n(b) - n(a) || (a < b ? -1 : 1));
  if (reaching.length === 0) return verdict('no_majority', []);
  if (reaching.length <= places) return verdict('elected', reaching);
  // More reach it than there are places: those above the last place's count are in; those at it are tied for the rest.
  const last = n(reaching[places - 1]!);
  const sure = reaching.filter((id) => n(id) > last);
  const tied = reaching.filter((id) => n(id) === last);
  if (sure.length + tied.length <= places) return verdict('elected', [...sure, ...tied]);
  if (rules.tieBreak === 'lot') {
    const drawn = [...tied].sort((a, b) => lotOrder.indexOf(a) - lotOrder.indexOf(b));
    return verdict('elected', [...sure, ...drawn.slice(0, places - sure.length)], { options: tied, decidedBy: 'lot' });
  }
  return verdict('tie', sure, { options: tied, decidedBy: 'chair' });
}

/**
 * What the lot orders by: each option's key, `root:option`, hashed with SHA-256 by the caller (who has the hash
 * function: node:crypto on the server, WebCrypto in the browser); the options sorted by the hex digests, lowest
 * first (lotOrderBy). The root is unknown before the seal, and anyone can redo it after.
 */
export const lotKey = (root: string, option: string) => `${root}:${option}`;

/** The lot's order of the options, from each one's digest of lotKey. */
export function lotOrderBy(optionIds: readonly string[], digest: ReadonlyMap<string, string>): string[] {
  return [...optionIds].sort((a, b) => (digest.get(a)! < digest.get(b)! ? -1 : 1));
}

/** A sealed tally's totals: ballots and tokens, and in a weighted election units and heads. */
export type SealedCounts = {
  ballotsCast: number;
  eligible: number;
  unitsCast?: number | undefined;
  eligibleUnits?: number | undefined;
  voters?: number | undefined;
  eligibleVoters?: number | undefined;
};

/**
 * The verdict's counts from a tally as the seal publishes it (or as a recount of the tracker gives it, with the
 * published eligible numbers): members are heads in a weighted election and ballots otherwise; units are units in
 * a weighted election and ballots otherwise.
 */
export function talliesOf(
  t: SealedCounts & {
    tally: readonly { option: string; votes: number; units?: number | undefined; voters?: number | undefined }[];
  },
  present: Amount | null,
): Tallies {
  const weighted = t.unitsCast !== undefined;
  return {
    options: t.tally.map((o) => ({
      option: o.option,
      members: weighted ? (o.voters ?? 0) : o.votes,
      units: weighted ? (o.units ?? 0) : o.votes,
    })),
    voted: { members: weighted ? (t.voters ?? 0) : t.ballotsCast, units: t.unitsCast ?? t.ballotsCast },
    entitled: { members: weighted ? (t.eligibleVoters ?? 0) : t.eligible, units: t.eligibleUnits ?? t.eligible },
    present,
  };
}

/**
 * Where a published verdict differs from the one its own counts, rules and presence decide (none: it holds).
 * Run after the tally has been recounted from the tracker, so the counts are the tracker's.
 */
export function verdictDiffers(
  published: Parameters<typeof talliesOf>[0] & {
    rules?: Rules | undefined;
    present?: Amount | null | undefined;
    verdict?: Verdict | undefined;
  },
  lotOrder: readonly string[],
): string | undefined {
  if (!published.verdict || !published.rules) return undefined;
  const again = decide(
    published.verdict.kind,
    published.verdict.places,
    published.rules,
    talliesOf(published, published.present ?? null),
    lotOrder,
  );
  return canonical(again) === canonical(published.verdict)
    ? undefined
    : `verdict: ${again.outcome} decided again, ${published.verdict.outcome} published`;
}
