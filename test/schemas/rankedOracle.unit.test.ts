/**
 * Both ranked counts against an independent oracle, Debian's `belenios-tool`
 * (Belenios 2.0: `method stv --nseats N`, `method schulze`), on thousands of
 * random profiles (Plackett–Luce rankings of 3–8 candidates, truncated at
 * random, 20–400 ballots, fixed seeds so a failure reproduces).
 *
 * Where Belenios's rules differ from ours (docs/ranked.md, "Checked against
 * Belenios"), a profile is compared only where the two must agree:
 * - STV: Belenios elects one candidate a round, the highest, and passes its
 *   surplus to every candidate not yet elected, including one already over
 *   the quota; the Scottish rules elect everyone at the quota at once and
 *   pass surpluses to continuing candidates only. Belenios breaks ties by the
 *   options' order (logged as TieWin/TieLose); we look back, then draw lots.
 *   Belenios counts in floats; we truncate every transfer to five decimal
 *   places (a total can end 0.00001 short of the quota where floats reach
 *   it). So: compared when no tie was broken on either side, no stage of ours
 *   elected two at the quota at once, and the truncation lost nothing; then
 *   the elected are the same, and so is the order of the exclusions.
 * - Schulze: d and the strengths of the strongest paths (winning votes: the
 *   first of Belenios's (winning, losing) pairs) always agree; Belenios
 *   orders candidates we leave tied by their losing votes, so the order is
 *   compared where ours has no tie.
 * Weights: every profile again with identical rankings merged into one
 * weighted ballot gives the same count, to the last unit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { scottishStv } from '../../schemas/ranked/stv.js';
import { schulze } from '../../schemas/ranked/schulze.js';
import { randomRankings } from '../../scripts/bench/rankings.js';

/** mulberry32: a small seeded generator, so every profile is reproducible from the seed printed on failure. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Profile = { candidates: string[]; seats: number; rankings: string[][] };

function profile(seed: number): Profile {
  const random = generator(seed);
  const int = (n: number) => Math.floor(random() * n);
  const n = 3 + int(6);
  const candidates = Array.from({ length: n }, (_, i) => `c${i}`);
  const rankings = randomRankings(candidates, 20 + int(381), random);
  return { candidates, seats: 1 + int(Math.min(4, n - 1)), rankings };
}

/** Belenios's ballot: for each candidate its rank, 1 the best, 0 unranked. */
const beleniosBallots = ({ candidates, rankings }: Profile) =>
  rankings.map((r) => candidates.map((c) => r.indexOf(c) + 1));

function belenios<T>(args: string[], ballots: number[][]): T {
  const run = spawnSync('belenios-tool', ['method', ...args], { input: JSON.stringify(ballots), encoding: 'utf8' });
  assert.equal(run.status, 0, `belenios-tool ${args.join(' ')}: ${run.error?.message ?? run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The profile with identical rankings merged into one ballot of that weight. */
const merged = (rankings: string[][]) => {
  const weights = new Map<string, number>();
  for (const r of rankings) weights.set(r.join('>'), (weights.get(r.join('>')) ?? 0) + 1);
  return [...weights].map(([r, weight]) => ({ ranking: r.split('>'), weight }));
};

type BeleniosStv = { events: [string, number | number[]][]; winners: number[] };

test('STV agrees with belenios-tool wherever the two rules must agree, on thousands of random profiles', () => {
  const seen = { profiles: 0, compared: 0, tie: 0, severalAtQuota: 0, truncated: 0 };
  for (let seed = 1; seed <= 3000; seed++) {
    const p = profile(seed);
    seen.profiles++;
    const ours = scottishStv(
      p.candidates,
      p.seats,
      p.rankings.map((ranking) => ({ ranking })),
      p.candidates,
    );
    assert.deepEqual(
      scottishStv(p.candidates, p.seats, merged(p.rankings), p.candidates),
      ours,
      `weights, seed ${seed}`,
    );
    const severalAtQuota = ours.stages.some(
      (s, i) => i < ours.stages.length - 1 && s.elected.length - (ours.stages[i - 1]?.elected.length ?? 0) > 1,
    );
    // Where ours already shows a difference of rule, Belenios is not asked (a process each: 5 ms).
    const theirs =
      ours.ties.length || severalAtQuota || ours.stages.at(-1)!.lost > 0
        ? undefined
        : belenios<BeleniosStv>(['stv', `--nseats=${p.seats}`], beleniosBallots(p));
    if (ours.ties.length || theirs?.events.some(([e]) => e.startsWith('Tie'))) seen.tie++;
    else if (severalAtQuota) seen.severalAtQuota++;
    else if (!theirs) seen.truncated++;
    else {
      seen.compared++;
      const name = (i: number) => p.candidates[i]!;
      assert.deepEqual([...ours.elected].sort(), theirs.winners.map(name).sort(), `elected, seed ${seed}`);
      // Belenios leaves out a candidate nobody ranks any more; the Scottish count excludes them at 0 votes.
      const ranked = new Set(p.rankings.flat());
      assert.deepEqual(
        ours.stages
          .flatMap((s) => (s.action.kind === 'exclusion' ? [s.action.candidate] : []))
          .filter((c) => ranked.has(c)),
        theirs.events.flatMap(([e, who]) => (e === 'Lose' ? [name(who as number)] : [])).filter((c) => ranked.has(c)),
        `exclusions, seed ${seed}`,
      );
    }
  }
  console.log(`STV against belenios-tool: ${JSON.stringify(seen)}`);
  assert.ok(seen.compared >= 1000, `only ${seen.compared} profiles where the rules must agree`);
});

type BeleniosSchulze = { raw: number[][]; beatpaths: [number, number][][]; winners: number[][] };

test('Schulze agrees with belenios-tool: d and p always, the order wherever ours has no tie', () => {
  const seen = { profiles: 0, orderCompared: 0 };
  for (let seed = 10_001; seed <= 11_200; seed++) {
    const p = profile(seed);
    seen.profiles++;
    const ours = schulze(
      p.candidates,
      p.rankings.map((ranking) => ({ ranking })),
    );
    assert.deepEqual(schulze(p.candidates, merged(p.rankings)), ours, `weights, seed ${seed}`);
    const theirs = belenios<BeleniosSchulze>(
      ['schulze', '--blank-allowed=false', `--nchoices=${p.candidates.length}`],
      beleniosBallots(p),
    );
    assert.deepEqual(ours.d, theirs.raw, `d, seed ${seed}`);
    const n = p.candidates.length;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (i !== j) assert.equal(ours.p[i]![j], theirs.beatpaths[i]![j]![0], `p, seed ${seed}`);
    if (ours.order.every((group) => group.length === 1)) {
      seen.orderCompared++;
      assert.deepEqual(
        ours.order,
        theirs.winners.map((g) => g.map((i) => p.candidates[i]!)),
        `order, seed ${seed}`,
      );
    }
  }
  console.log(`Schulze against belenios-tool: ${JSON.stringify(seen)}`);
  assert.ok(seen.orderCompared >= 1000, `only ${seen.orderCompared} tie-free orders`);
});
