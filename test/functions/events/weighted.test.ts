/**
 * Weighted votes on real PostgreSQL, through both functions: the open turns
 * each member's weight into a bundle of ballots in denominations with no
 * class above 1 fed by fewer than k members; a member fetches their whole
 * bundle (none before the open); the tally is the sum of the units of the
 * acknowledged ballots; the tracker shows each ballot's units under its
 * root; a member who joins after the open gets only classes that already
 * have k members; every bundle ends in the member's head (0 units), so the
 * results count the members who voted and what they chose by heads; an
 * unweighted election in the same org is as before.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { verifyTracker } from '../../../shared/common/crypto/index.js';
import { classSizes } from '../../../shared/registry/elections/denominations.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import { scheduleDeps } from '../../helpers/schedule.js';
import { keepRegistrations } from '../../../workers/lifecycle/scheduled.js';
import type { CloseElectionResponse, Election, PublishedTally, TokenResponse, Tracker } from '../../../schemas/api.js';

let h: Harness;
let schedule: ReturnType<typeof scheduleDeps>;
// Six delegates with hundreds (five of them with tens), one giant alone in the thousands, and ordinary members.
const weights: Record<string, number> = {
  d1: 120,
  d2: 130,
  d3: 250,
  d4: 101,
  d5: 100,
  d6: 310,
  giant: 1200,
  t1: 12,
  t2: 3,
  m1: 1,
  m2: 1,
  m3: 2,
};
before(async () => {
  h = await startHarness();
  schedule = scheduleDeps(h);
  await seedOrg(
    h,
    'coop',
    Object.entries(weights).map(([subject, weight]) => ({ subject, weight })),
  );
});
after(async () => {
  await schedule.close();
  await h.close();
});

const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
// alice, the org's admin, is an active member too, of weight 1.
const entitled = () => sum(Object.values(weights)) + 1;

test('a weighted vote: bundles kept at k, every unit counted once, the units under the tracker root', async () => {
  const id = await seedElection(h, 'coop', { title: 'Budget', kind: 'yes_no_abstain', weights: {} });
  const draft = await h.call<Election>('GET', `/v1/orgs/coop/elections/${id}`, { auth: await h.jwt('alice') });
  assert.deepEqual((await draft.json()).weights, { anonymityK: 5 });
  // No bundle before the open: they are made from every weight at once.
  const early = await h.call('POST', `/v1/orgs/coop/elections/${id}/token`, { auth: await h.jwt('d1'), body: {} });
  assert.equal(early.status, 409);
  assert.equal((await early.json()).code, 'registration_pending');

  await openElection(h, 'coop', id);
  const listed = await h.db.admin<{ subject: string; units: number[] }[]>`
    select subject, units from registry.token_registrations where election_id = ${id}`;
  const bundles = new Map(listed.map((r) => [r.subject, r.units]));
  for (const [subject, w] of Object.entries(weights)) {
    assert.equal(sum(bundles.get(subject) ?? []), w, subject);
    assert.deepEqual(
      bundles.get(subject)!.filter((u) => u === 0),
      [0],
      `${subject}: one head`,
    );
    assert.equal(bundles.get(subject)!.at(-1), 0, `${subject}: the head last`);
  }
  const sizes = classSizes(bundles);
  for (const [d, members] of Object.entries(sizes))
    if (Number(d) > 1) assert.ok(members >= 5, `class ${d}: ${members}`);
  assert.equal(sizes[1000], undefined, 'the giant is not alone in the thousands');
  // The ballot box holds a token per ballot, with its units, and nothing that groups them by member.
  const [box] = await h.db.admin<{ tokens: number; units: number }[]>`
    select count(*)::int as tokens, sum(units)::int as units from ballot_box.tokens where election_id = ${id}`;
  assert.deepEqual(box, {
    tokens: sum([...bundles.values()].map((b) => b.length)),
    units: entitled(),
  });

  // Each voter fetches their bundle and casts every token with the same choice; m3 and t2 do not vote.
  const choice: Record<string, string> = {
    d1: 'yes',
    d2: 'no',
    d3: 'yes',
    d4: 'abstain',
    d5: 'no',
    d6: 'yes',
    giant: 'no',
    t1: 'yes',
    m1: 'yes',
    m2: 'no',
  };
  const counted = { yes: 0, no: 0, abstain: 0 } as Record<string, number>;
  const receipts: string[] = [];
  for (const [subject, option] of Object.entries(choice)) {
    const answer: TokenResponse = await tokenFor(h, 'coop', id, subject);
    const tokens = answer.tokens!;
    assert.deepEqual(
      tokens.map((t) => t.units),
      bundles.get(subject),
      `${subject} gets their bundle`,
    );
    assert.equal(answer.token, tokens[0]!.token);
    assert.deepEqual((await tokenFor(h, 'coop', id, subject)).tokens, tokens, 'the same tokens again');
    for (const t of tokens) {
      const cast = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: t.token, body: { choices: [option] } });
      assert.equal(cast.status, 201);
      counted[option]! += t.units;
      receipts.push(t.receipt);
    }
  }
  const [ballots] = await h.db.admin<{ n: number; units: number }[]>`
    select count(*)::int as n, sum(units)::int as units from ballot_box.ballots where election_id = ${id}`;
  assert.deepEqual(ballots, { n: receipts.length, units: sum(Object.keys(choice).map((s) => weights[s]!)) });

  const closed = await h.call<CloseElectionResponse>('POST', `/v1/orgs/coop/elections/${id}/close`, {
    auth: await h.jwt('alice'),
    body: {},
  });
  assert.equal(closed.status, 200);
  const { results } = await closed.json();
  assert.deepEqual(
    results.options.map((o) => [o.id, o.units]),
    [
      ['yes', counted.yes],
      ['no', counted.no],
      ['abstain', counted.abstain],
    ],
  );
  assert.equal(results.unitsCast, sum(Object.values(counted)));
  assert.equal(results.eligibleUnits, entitled());
  assert.equal(results.ballotsCast, receipts.length);
  // By heads: ten of the thirteen members voted (alice, m3 and t2 did not).
  assert.equal(results.voters, Object.keys(choice).length);
  assert.equal(results.eligibleVoters, Object.keys(weights).length + 1);
  assert.deepEqual(
    results.options.map((o) => [o.id, o.voters]),
    [
      ['yes', 5],
      ['no', 4],
      ['abstain', 1],
    ],
  );

  // The published tally (what tracker:verify recounts) carries the units and heads too.
  const published = await (await h.vote<PublishedTally>('GET', `/v1/elections/${id}/results`)).json();
  assert.deepEqual(
    [published.unitsCast, published.eligibleUnits, published.voters, published.eligibleVoters],
    [results.unitsCast, results.eligibleUnits, results.voters, results.eligibleVoters],
  );
  const tracker = await (await h.vote<Tracker>('GET', `/v1/elections/${id}/tracker`)).json();
  assert.deepEqual(verifyTracker(tracker), { ok: true });
  assert.deepEqual(tracker.ballots.map((b) => b.receipt).sort(), [...receipts].sort());
  const fromTracker = { yes: 0, no: 0, abstain: 0 } as Record<string, number>;
  for (const b of tracker.ballots) fromTracker[b.choices[0]!]! += b.units!;
  assert.deepEqual(fromTracker, counted, 'the tracker recounts to the results');
  assert.ok(new Set(tracker.ballots.map((b) => b.units)).size <= Object.keys(sizes).length + 1, 'classes and heads');
  assert.equal(tracker.ballots.filter((b) => b.units === 0).length, results.voters);
});

test('a member who joins after the open gets only the classes the open left at k; an unweighted vote is as before', async () => {
  const id = await seedElection(h, 'coop', { title: 'Late', kind: 'yes_no_abstain', weights: { anonymityK: 5 } });
  await openElection(h, 'coop', id);
  await h.call('PUT', '/v1/orgs/coop/members', {
    auth: await h.jwt('alice'),
    body: { members: [{ subject: 'newcomer', role: 'member', status: 'active', weight: 1234 }] },
  });
  assert.ok((await keepRegistrations(schedule)) >= 1);
  const [row] = await h.db.admin<{ units: number[] }[]>`
    select units from registry.token_registrations where election_id = ${id} and subject = 'newcomer'`;
  assert.equal(sum(row!.units), 1234);
  const classes = new Set(
    (
      await h.db.admin<{ u: number }[]>`
        select distinct unnest(units) as u from registry.token_registrations
        where election_id = ${id} and subject <> 'newcomer'`
    ).map((r) => r.u),
  );
  for (const u of row!.units) assert.ok(classes.has(u), `${u}: a class the open made`);
  assert.equal(row!.units.at(-1), 0, 'and a head');
  const { tokens } = await tokenFor(h, 'coop', id, 'newcomer');
  assert.equal(sum(tokens!.map((t) => t.units)), 1234);

  // A member made inactive loses their whole bundle at the ballot box.
  const [d4] = await h.db.admin<{ units: number[] }[]>`
    select units from registry.token_registrations where election_id = ${id} and subject = 'd4'`;
  const inactive = await h.call<{ tokensWithdrawn: number }>('PUT', '/v1/orgs/coop/members', {
    auth: await h.jwt('alice'),
    body: { members: [{ subject: 'd4', role: 'member', status: 'inactive' }] },
  });
  assert.equal((await inactive.json()).tokensWithdrawn, d4!.units.length);

  // Unweighted in the same org: one token, no bundle, a tracker without units.
  const plain = await seedElection(h, 'coop');
  await openElection(h, 'coop', plain);
  const token = await tokenFor(h, 'coop', plain, 'giant');
  assert.equal(
    (await h.db.admin`select 1 from ballot_box.tokens where election_id = ${plain}`).length,
    Object.keys(weights).length + 1, // every active member once, whatever their weight: + alice + newcomer - d4
  );
  assert.deepEqual(Object.keys(token).sort(), ['receipt', 'token']);
  await h.vote('POST', `/v1/elections/${plain}/ballots`, { auth: token.token, body: { choices: ['yes'] } });
  await h.call('POST', `/v1/orgs/coop/elections/${plain}/close`, { auth: await h.jwt('alice'), body: {} });
  const tracker = await (await h.vote<Tracker>('GET', `/v1/elections/${plain}/tracker`)).json();
  assert.deepEqual(tracker.ballots, [{ receipt: token.receipt, choices: ['yes'] }]);
});
