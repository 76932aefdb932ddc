/**
 * The timing attack an operator can run without any key: pair each member
 * with the ballot committed right after the last thing the database wrote
 * about that member while the vote was open. The tracker then turns the
 * ballot's receipt into choices.
 *
 * What the operator reads, from every copy of the database they hold (the
 * sealed database, a base backup, a point-in-time recovery to just before
 * the seal): every row of every table that names a member, with its `xmin`
 * and any time it carries; every ballot with its `xmin`; and the WAL's commit
 * time of every transaction id.
 */
import { randomInt } from 'node:crypto';
import type { Sql } from '../../shared/common/db/index.js';

/** One copy of the database: a superuser connection to it (rows as stored, no name transform). */
export type Copy = Sql;

/** µs since the epoch. */
type Micros = number;

export type Evidence = {
  /** The latest time each member was written about inside the window, when any. */
  memberTimes: Map<string, Micros>;
  /** Each ballot's commit time, by receipt, when its transaction id is known. */
  ballotTimes: Map<string, Micros>;
};

const timestampText = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$/;

function toMicros(text: string): Micros {
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  return Date.parse(text) * 1000 + Number(fraction.padEnd(6, '0').slice(3, 6));
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/**
 * What every copy says about the members and the election's ballots, with times inside [from, to]. Rows that
 * name another election (`others`) say nothing about this one and are left out.
 */
export async function gatherEvidence(
  copies: Copy[],
  commits: Map<string, Micros>,
  election: { id: string; others: string[] },
  members: string[],
  window: { from: Micros; to: Micros },
): Promise<Evidence> {
  const electionId = election.id;
  const others = new Set(election.others);
  const memberSet = new Set(members);
  const memberTimes = new Map<string, Micros>();
  const ballotTimes = new Map<string, Micros>();
  const inWindow = (t: Micros | undefined): t is Micros => t !== undefined && t >= window.from && t <= window.to;
  for (const copy of copies) {
    const tables = await copy<{ name: string }[]>`
      select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
      where table_schema in ('registry', 'ekklesia_meta') and table_type = 'BASE TABLE'`;
    for (const { name } of tables) {
      for (const r of await copy.unsafe(`select to_jsonb(t) as row, t.xmin::text as xmin from ${name} t`)) {
        const values = strings(r.row);
        const named = values.filter((v) => memberSet.has(v));
        if (named.length === 0 || values.some((v) => others.has(v))) continue;
        const times = [commits.get(String(r.xmin)), ...values.filter((v) => timestampText.test(v)).map(toMicros)];
        for (const t of times.filter(inWindow))
          for (const member of named) memberTimes.set(member, Math.max(memberTimes.get(member) ?? 0, t));
      }
    }
    const ballots = await copy<{ receipt: string; xmin: string }[]>`
      select receipt, xmin::text as xmin from ballot_box.ballots where election_id = ${electionId}`;
    for (const b of ballots) {
      const t = commits.get(b.xmin);
      if (inWindow(t) && !ballotTimes.has(b.receipt)) ballotTimes.set(b.receipt, t);
    }
  }
  return { memberTimes, ballotTimes };
}

/**
 * The operator's best pairing: members in the order of their last write (ties in a random order), each with
 * the earliest ballot not yet taken that was committed at or after it; members with no time, and ballots with
 * none, are paired at random.
 */
export function pairMembersWithBallots(evidence: Evidence, members: string[], receipts: string[]): Map<string, string> {
  const shuffled = <T>(xs: T[]) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const open = shuffled(receipts).sort(
    (a, b) => (evidence.ballotTimes.get(a) ?? Infinity) - (evidence.ballotTimes.get(b) ?? Infinity),
  );
  const timed = shuffled(members.filter((m) => evidence.memberTimes.has(m))).sort(
    (a, b) => evidence.memberTimes.get(a)! - evidence.memberTimes.get(b)!,
  );
  const pairs = new Map<string, string>();
  for (const member of timed) {
    const at = evidence.memberTimes.get(member)!;
    const i = open.findIndex((r) => (evidence.ballotTimes.get(r) ?? Infinity) >= at);
    const [receipt] = open.splice(i >= 0 ? i : 0, 1);
    if (receipt) pairs.set(member, receipt);
  }
  for (const member of shuffled(members.filter((m) => !pairs.has(m)))) {
    const [receipt] = open.splice(randomInt(Math.max(open.length, 1)), 1);
    if (receipt) pairs.set(member, receipt);
  }
  return pairs;
}

/** P(X = k) for the number of members a uniformly random pairing of n members with their n ballots gets right. */
function chanceOf(n: number, k: number): number {
  let sum = 0;
  let term = 1;
  for (let j = 0; j <= n - k; j++) {
    if (j > 0) term /= -j;
    sum += term;
  }
  let factorial = 1;
  for (let i = 2; i <= k; i++) factorial *= i;
  return sum / factorial;
}

/**
 * What chance allows: a random guess gets 1 member right on average, whatever n; the bound is the largest
 * count a random guess reaches with a probability above `alpha` (5 for any n ≥ 6 at 1e-3).
 */
export function chanceBound(n: number, alpha = 1e-3): { expected: number; bound: number } {
  let tail = 1;
  for (let k = 0; k <= n; k++) {
    tail -= chanceOf(n, k);
    if (tail <= alpha) return { expected: n === 0 ? 0 : 1, bound: k };
  }
  return { expected: n === 0 ? 0 : 1, bound: n };
}
