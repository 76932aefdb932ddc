/**
 * The rules an election is decided by (docs/rules.md): which majority, of
 * what base, counted by members or by units, with what quorum, and how a
 * tie is broken. Given at the creation (or by the meeting's or the org's
 * defaults), checked against the election there (`rulesProblem`), and stored
 * whole with every default filled in, so the verdict at the seal and every
 * recount read the same rule.
 */
import * as v from 'valibot';
import type { ElectionKind } from './tallyPrimitives.js';

const Whole = (min: number, max: number) =>
  v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(min), v.maxValue(max));

/** p/q, 0 < p ≤ q ≤ 1000: "at least p/q of the base". */
export const Fraction = v.pipe(
  v.strictObject({ num: Whole(1, 1000), den: Whole(1, 1000) }),
  v.check((f) => f.num <= f.den, 'num must not exceed den'),
);
export type Fraction = v.InferOutput<typeof Fraction>;

export const Majority = v.pipe(
  v.union([v.picklist(['simple', 'absolute', 'two_thirds']), Fraction]),
  v.description(
    'simple: more for than against (a yes/no vote) or the most votes (a choice); absolute: more than half of the ' +
      'base; two_thirds: at least two thirds of the base; {num, den}: at least num/den of the base.',
  ),
);
export type Majority = v.InferOutput<typeof Majority>;

export const Base = v.pipe(
  v.picklist(['votes', 'votes_and_abstentions', 'present', 'entitled']),
  v.description(
    'What the majority is a share of: votes (for and against; a choice: the votes for every option), ' +
      'votes_and_abstentions (a yes/no vote: abstentions count against), present (frozen at the open) or entitled.',
  ),
);
export type Base = v.InferOutput<typeof Base>;

export const Quorum = v.pipe(
  v.strictObject({
    measure: v.picklist(['present', 'voted']),
    atLeast: v.union([
      Whole(1, 1_000_000_000),
      v.strictObject({ ...Fraction.entries, of: v.picklist(['entitled', 'present']) }),
    ]),
  }),
  v.check(
    (q) => !(q.measure === 'present' && typeof q.atLeast === 'object' && q.atLeast.of === 'present'),
    'a quorum of those present cannot be a share of those present',
  ),
  v.description(
    'What must be reached for the vote to count: the members (or units) present at the open, or who voted, at ' +
      'least a number, or a share num/den of the entitled or of those present.',
  ),
);
export type Quorum = v.InferOutput<typeof Quorum>;

export const RulesInput = v.strictObject({
  majority: Majority,
  base: v.optional(Base),
  by: v.optional(
    v.pipe(
      v.picklist(['members', 'units']),
      v.description('Count members (heads) or units (weights); units only in a weighted election, and its default.'),
    ),
  ),
  quorum: v.optional(v.nullable(Quorum)),
  tieBreak: v.optional(
    v.pipe(
      v.picklist(['lot', 'chair']),
      v.description(
        'A tie for a choice: lot (an order drawn from the sealed tracker root, the same for anyone who recounts) ' +
          'or chair (the result says tie; the chair decides, e.g. by a run-off). Default chair.',
      ),
    ),
  ),
});
export type RulesInput = v.InferOutput<typeof RulesInput>;

/** The rules as stored and published: every default filled in. */
export const Rules = v.strictObject({
  majority: Majority,
  base: Base,
  by: v.picklist(['members', 'units']),
  quorum: v.nullable(Quorum),
  tieBreak: v.picklist(['lot', 'chair']),
});
export type Rules = v.InferOutput<typeof Rules>;

/** The defaults filled in for an election of this kind, weighted or not. */
export function withDefaults(input: RulesInput, weighted: boolean): Rules {
  return {
    majority: input.majority,
    base: input.base ?? 'votes',
    by: input.by ?? (weighted ? 'units' : 'members'),
    quorum: input.quorum ?? null,
    tieBreak: input.tieBreak ?? 'chair',
  };
}

/** What is wrong with these rules for this election (none: they fit), as a 400's message. */
export function rulesProblem(
  rules: Rules,
  election: { kind: ElectionKind; weighted: boolean; meetingId: string | null | undefined },
): string | undefined {
  if (rules.by === 'units' && !election.weighted) return 'rules.by units needs a weighted election';
  if (rules.majority === 'simple' && rules.base !== 'votes')
    return 'a simple majority compares the votes cast: rules.base must be votes';
  if (rules.base === 'votes_and_abstentions' && election.kind !== 'yes_no_abstain')
    return 'rules.base votes_and_abstentions is for yes_no_abstain votes';
  const present =
    rules.base === 'present' ||
    rules.quorum?.measure === 'present' ||
    (typeof rules.quorum?.atLeast === 'object' && rules.quorum.atLeast.of === 'present');
  if (present && !election.meetingId) return 'a rule that counts those present needs the election in a meeting';
  return undefined;
}
