/**
 * Ranked elections end to end on real PostgreSQL, through both functions
 * (docs/ranked.md): settings checked at the creation (nothing written when
 * refused); rankings validated before PostgreSQL (a refused one spends no
 * token and stores nothing) and stored in the voter's order; the seal counts
 * Scottish STV with every stage and a look-back tie, publishes it in the
 * results and the sealed event, and the tracker lists (receipt, ranking)
 * with the settings in its header; the count again from the tracker is the
 * published text, by `npm run tracker:verify` too, which catches an altered
 * stage and other seats. Schulze breaks a tie for the seat by the lot the
 * root draws, and says so. A draft edited into a ranked vote and back keeps
 * the ballot box in step; in a weighted ranked vote each ballot counts its
 * units as papers and the members' heads count for nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { verifySaved } from '../../helpers/verifyTracker.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import { countRanked } from '../../../schemas/ranked/count.js';
import { canonical } from '../../../schemas/canonical.js';
import { lotOrder } from '../../../shared/common/crypto/lotOrder.js';
import type { CloseElectionResponse, Election, Tracker } from '../../../schemas/api.js';
import type { PublishedTally } from '../../../schemas/voting.js';

let h: Harness;
const members = Array.from({ length: 9 }, (_, i) => `m${i}`);
before(async () => {
  h = await startHarness();
  await seedOrg(
    h,
    'union',
    members.map((subject) => ({ subject })),
  );
});
after(() => h.close());

const candidates = ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id, label: `Candidate ${id}` }));
const create = async (body: Record<string, unknown>) =>
  h.call<Election>('POST', '/v1/orgs/union/elections', {
    auth: await h.jwt('alice'),
    body: { title: 'Board', ...body },
  });
const cast = async (id: string, token: string, choices: string[]) =>
  h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices } });
const close = async (id: string) => {
  const closed = await h.call<CloseElectionResponse>('POST', `/v1/orgs/union/elections/${id}/close`, {
    auth: await h.jwt('alice'),
    body: {},
  });
  assert.equal(closed.status, 200);
  return (await closed.json()).results;
};
const fetchTracker = async (id: string) => await (await h.vote<Tracker>('GET', `/v1/elections/${id}/tracker`)).json();

test('ranked settings are checked at the creation, and a refused one writes nothing', async () => {
  const drafts = async () =>
    (await h.db.admin<{ n: number }[]>`select count(*)::int as n from registry.elections where org_id = 'union'`)[0]!.n;
  const before = await drafts();
  for (const [body, reason] of [
    [{ kind: 'ranked', options: candidates }, /ranked: kind ranked needs its method/],
    [{ kind: 'ranked', options: candidates, ranked: { method: 'stv.scottish', seats: 5 } }, /seats/],
    [{ kind: 'ranked', options: candidates, ranked: { method: 'stv.scottish', maxRanks: 6 } }, /maxRanks/],
    [{ kind: 'ranked', options: candidates, ranked: { method: 'schulze', maxRanks: 3 }, maxChoices: 2 }, /maxChoices/],
    [{ kind: 'ranked', options: candidates, ranked: { method: 'borda' } }, /method/],
    [{ kind: 'single', options: candidates, ranked: { method: 'schulze' } }, /only for kind ranked/],
    [{ kind: 'ranked', options: candidates, ranked: { method: 'schulze' }, rules: { majority: 'simple' } }, /rules/],
  ] as const) {
    const refused = await create(body);
    assert.equal(refused.status, 400, JSON.stringify(body));
    const error = (await refused.json()) as unknown as { code: string; message: string };
    assert.equal(error.code, 'invalid_request');
    assert.match(JSON.stringify(error), reason);
  }
  assert.equal(await drafts(), before);
});

test('STV: rankings validated and kept in order, every stage sealed, published and counted again', async () => {
  const made = await create({
    kind: 'ranked',
    options: candidates,
    ranked: { method: 'stv.scottish', seats: 2, maxRanks: 3 },
  });
  assert.equal(made.status, 201);
  const election = await made.json();
  assert.deepEqual(election.ranked, { method: 'stv.scottish', seats: 2, maxRanks: 3 });
  assert.equal(election.maxChoices, 3);
  await openElection(h, 'union', election.id);
  const tokens = await Promise.all(members.map(async (m) => (await tokenFor(h, 'union', election.id, m)).token));

  // Refused before PostgreSQL: the token stays unspent and nothing is stored.
  for (const [choices, message] of [
    [[], /rank at least one/],
    [['A', 'B', 'C', 'D'], /rank at most 3/],
    [['A', 'B', 'A'], /more than once/],
    [['A', 'Z'], /unknown option is ranked/],
  ] as const) {
    const refused = await cast(election.id, tokens[0]!, [...choices]);
    assert.equal(refused.status, 400);
    const body = (await refused.json()) as unknown as { code: string; message: string };
    assert.equal(body.code, 'invalid_choices');
    assert.match(body.message, message);
  }
  const stored = async () =>
    (
      await h.db.admin<{ choices: string[] }[]>`
      select choices from ballot_box.ballots where election_id = ${election.id}`
    ).map((r) => r.choices);
  assert.equal((await stored()).length, 0);

  // Quota 4 of 9. A is elected with 5 and passes 0.2 a paper to B; E (0) and D go; B and C tie at 2 and the
  // look-back (stage 1: B 1, C 2) excludes B, whose papers carry C; C takes the last seat.
  const rankings = [...Array<string[]>(5).fill(['A', 'B', 'C']), ['B'], ['C', 'D'], ['C', 'D'], ['D', 'E']];
  for (const [i, ranking] of rankings.entries())
    assert.equal((await cast(election.id, tokens[i]!, ranking)).status, 201);
  assert.deepEqual(
    (await stored()).map((c) => c.join('>')).sort(),
    rankings.map((r) => r.join('>')).sort(),
    'each ranking stored in the order the voter gave',
  );

  const results = await close(election.id);
  const count = results.ranked!;
  assert.deepEqual(count.elected, ['A', 'C']);
  assert.equal(count.stv!.quota, 4 * 100_000);
  assert.deepEqual(
    count.stv!.stages.map((s) => s.action),
    [
      { kind: 'first' },
      { kind: 'surplus', candidate: 'A' },
      { kind: 'exclusion', candidate: 'E' },
      { kind: 'exclusion', candidate: 'D' },
      { kind: 'exclusion', candidate: 'B' },
    ],
  );
  assert.deepEqual(count.stv!.stages[1]!.totals, { A: 400_000, B: 200_000, C: 200_000, D: 100_000, E: 0 });
  assert.deepEqual(count.ties, [{ stage: 4, kind: 'exclusion', candidates: ['B', 'C'], brokenBy: 'look-back' }]);
  // Every ballot names the options it ranks, in the tally.
  assert.deepEqual(
    results.options.map((o) => [o.id, o.votes]),
    [
      ['A', 5],
      ['B', 6],
      ['C', 7],
      ['D', 3],
      ['E', 1],
    ],
  );

  // The tracker: (receipt, ranking), the settings under the root; the count again from it is the published text.
  const tracker = await fetchTracker(election.id);
  // Ten could vote: the nine and alice, the org's admin and a member.
  assert.deepEqual(tracker.header, { ranked: { method: 'stv.scottish', seats: 2, maxRanks: 3 }, eligible: 10 });
  assert.deepEqual(tracker.ballots.map((b) => b.choices.join('>')).sort(), rankings.map((r) => r.join('>')).sort());
  const ids = candidates.map((c) => c.id);
  assert.equal(canonical(countRanked(count, ids, tracker.ballots, lotOrder(tracker.root, ids))), canonical(count));
  const [box] = await h.db.admin<{ rankedCount: unknown }[]>`
    select ranked_count from ballot_box.elections where id = ${election.id}`;
  assert.equal(canonical(box!.rankedCount), canonical(count));
  const [event] = await h.db.admin<{ payload: { ranked: unknown } }[]>`
    select envelope->'payload' as payload from registry.outbox
    where type = 'election.sealed' and envelope->'payload'->>'electionId' = ${election.id}`;
  assert.deepEqual(event!.payload.ranked, { method: 'stv.scottish', seats: 2, maxRanks: 3, elected: ['A', 'C'] });

  const published = await (await h.vote<PublishedTally>('GET', `/v1/elections/${election.id}/results`)).json();
  const verify = (results: unknown) => verifySaved(tracker, results);
  assert.deepEqual(verify(published), { ok: true, ballots: 9, root: tracker.root, tally: 'recounted' });
  const stages = published.ranked!.stv!.stages;
  const moved = stages.map((s, i) => (i === 1 ? { ...s, totals: { ...s.totals, B: 200_001 } } : s));
  const altered = verify({
    ...published,
    ranked: { ...published.ranked!, stv: { ...published.ranked!.stv!, stages: moved } },
  });
  assert.equal(altered.ok, false);
  assert.match(altered.tally!, /stage 2 differs/);
  const otherSeats = verify({ ...published, ranked: { ...published.ranked!, seats: 3 } });
  assert.equal(otherSeats.ok, false);
  assert.match(otherSeats.tally!, /other rules or counts/);
});

test('Schulze: a tie for the seat is broken by the lot the sealed root draws, and the result says so', async () => {
  const id = await seedElection(h, 'union', {
    title: 'Chair',
    kind: 'ranked',
    options: ['X', 'Y', 'Z'].map((c) => ({ id: c, label: c })),
    ranked: { method: 'schulze' },
  });
  await openElection(h, 'union', id);
  for (const [subject, ranking] of [
    ['m0', ['X', 'Y']],
    ['m1', ['Y', 'X']],
  ] as const)
    assert.equal((await cast(id, (await tokenFor(h, 'union', id, subject)).token, [...ranking])).status, 201);
  const count = (await close(id)).ranked!;
  assert.deepEqual(count.schulze!.order, [['X', 'Y'], ['Z']]);
  assert.deepEqual(count.schulze!.d, [
    [0, 1, 2],
    [1, 0, 2],
    [0, 0, 0],
  ]);
  const tracker = await fetchTracker(id);
  const lot = lotOrder(tracker.root, ['X', 'Y', 'Z']);
  assert.deepEqual(count.lot, lot);
  assert.deepEqual(count.elected, [lot.find((c) => c !== 'Z')]);
  assert.deepEqual(count.ties, [{ kind: 'order', candidates: ['X', 'Y'], brokenBy: 'lot' }]);
});

test('a draft edited into a ranked vote opens as one, and edited back it is a plain choice again', async () => {
  const options = ['X', 'Y', 'Z'].map((c) => ({ id: c, label: c }));
  const id = await seedElection(h, 'union', { title: 'Treasurer', kind: 'single', options });
  const edit = async (body: Record<string, unknown>) =>
    h.call<Election>('PUT', `/v1/orgs/union/elections/${id}`, {
      auth: await h.jwt('alice'),
      body: { title: 'Treasurer', options, ...body },
    });
  assert.equal((await edit({ kind: 'ranked', ranked: { method: 'stv.scottish' } })).status, 200);
  const back = await edit({ kind: 'single' });
  assert.equal(back.status, 200);
  assert.equal((await back.json()).ranked, undefined);
  const [plain] = await h.db.admin<{ ranked: unknown }[]>`select ranked from registry.elections where id = ${id}`;
  assert.equal(plain!.ranked, null);
  const ranked = await edit({ kind: 'ranked', ranked: { method: 'schulze', maxRanks: 2 } });
  assert.equal(ranked.status, 200);
  assert.deepEqual((await ranked.json()).ranked, { method: 'schulze', seats: 1, maxRanks: 2 });
  await openElection(h, 'union', id);
  const [box] = await h.db.admin<{ kind: string; ranked: unknown; maxChoices: number }[]>`
    select kind, ranked, max_choices from ballot_box.elections where id = ${id}`;
  assert.deepEqual(box, { kind: 'ranked', ranked: { method: 'schulze', seats: 1, maxRanks: 2 }, maxChoices: 2 });
  const token = (await tokenFor(h, 'union', id, 'm0')).token;
  assert.equal((await cast(id, token, ['Z', 'X', 'Y'])).status, 400, 'three ranks of two');
  assert.equal((await cast(id, token, ['Z', 'X'])).status, 201);
  const count = (await close(id)).ranked!;
  assert.deepEqual(count.schulze!.order, [['Z'], ['X'], ['Y']]);
  assert.deepEqual(count.elected, ['Z']);
});

test('a weighted ranked vote: each ballot counts its units as papers, and heads count for nothing', async () => {
  await seedOrg(h, 'delegates', [
    { subject: 'w30', weight: 30 },
    { subject: 'w20', weight: 20 },
    { subject: 'w15', weight: 15 },
  ]);
  const id = await seedElection(h, 'delegates', {
    title: 'Delegation chair',
    kind: 'ranked',
    options: ['A', 'B', 'C'].map((c) => ({ id: c, label: c })),
    ranked: { method: 'stv.scottish' },
    weights: { anonymityK: 1 },
  });
  await openElection(h, 'delegates', id);
  // Units: A 30, B 20, C 15 (alice, weight 1, does not vote): quota 33 of 65. C goes, her 15 carry B to 35.
  for (const [subject, ranking] of [
    ['w30', ['A']],
    ['w20', ['B']],
    ['w15', ['C', 'B']],
  ] as const) {
    const answer = await tokenFor(h, 'delegates', id, subject);
    for (const { token } of answer.tokens!) assert.equal((await cast(id, token, [...ranking])).status, 201);
  }
  const closed = await h.call<CloseElectionResponse>('POST', `/v1/orgs/delegates/elections/${id}/close`, {
    auth: await h.jwt('alice'),
    body: {},
  });
  assert.equal(closed.status, 200);
  const { ranked: count, voters } = (await closed.json()).results;
  assert.equal(voters, 3, 'three heads cast');
  assert.equal(count!.stv!.quota, 33 * 100_000, 'the quota counts units, not ballots or heads');
  assert.deepEqual(count!.stv!.stages[0]!.totals, { A: 3_000_000, B: 2_000_000, C: 1_500_000 });
  assert.deepEqual(count!.elected, ['B']);
  const tracker = await fetchTracker(id);
  assert.equal(
    canonical(countRanked(count!, ['A', 'B', 'C'], tracker.ballots, lotOrder(tracker.root, ['A', 'B', 'C']))),
    canonical(count),
  );
});
