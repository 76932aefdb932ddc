/**
 * Proxies on real PostgreSQL: the roster takes delegations only within the
 * rules (one level, an active holder, not oneself), refused whole
 * otherwise; an election's open snapshots them on its registered list; from
 * then on the holder's token request also returns each delegator's tokens
 * (their bundle, weighted) and the delegator's is refused; a delegation made
 * after the open leaves that election alone; and the seal forgets who held
 * whom.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import type { CloseElectionResponse, RosterSummary, TokenResponse } from '../../../schemas/api.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(
    h,
    'assembly',
    ['pia', 'dan', 'dee', 'xav', 'quinn', 'ina'].map((subject) => ({
      subject,
      ...(subject === 'ina' ? { status: 'inactive' as const } : {}),
      ...(subject === 'dan' ? { weight: 12 } : {}),
    })),
  );
});
after(() => h.close());

const roster = async (members: { subject: string; delegateTo?: string | null }[]) =>
  h.call<{ code?: string; message?: string }>('PUT', '/v1/orgs/assembly/members', {
    auth: await h.jwt('alice'),
    body: { members: members.map((m) => ({ role: 'member', status: 'active', ...m })) },
  });
const delegations = async () =>
  Object.fromEntries(
    (
      await h.db.admin<{ subject: string; delegateTo: string | null }[]>`
        select subject, delegate_to from registry.members where org_id = 'assembly' and delegate_to is not null`
    ).map((r) => [r.subject, r.delegateTo]),
  );

test('the roster takes delegations within the rules, and refuses a change that breaks them whole', async () => {
  for (const [members, why] of [
    [[{ subject: 'dan', delegateTo: 'dan' }], /dan delegates to themselves/],
    [[{ subject: 'dan', delegateTo: 'nobody' }], /nobody is not a member/],
    [[{ subject: 'dan', delegateTo: 'ina' }], /dan delegates to ina, who is not an active member/],
    [
      [
        { subject: 'dan', delegateTo: 'pia' },
        { subject: 'pia', delegateTo: 'quinn' },
      ],
      /dan delegates to pia, who delegates too/,
    ],
  ] as const) {
    const refused = await roster([...members]);
    assert.equal(refused.status, 400, JSON.stringify(members));
    const body = await refused.json();
    assert.equal(body.code, 'invalid_delegation');
    assert.match(body.message!, why);
    assert.deepEqual(await delegations(), {}, 'nothing written');
  }
  const taken = await roster([
    { subject: 'dan', delegateTo: 'pia' },
    { subject: 'dee', delegateTo: 'pia' },
  ]);
  assert.equal(taken.status, 200);
  assert.deepEqual(await delegations(), { dan: 'pia', dee: 'pia' });
  // An import that leaves delegateTo out keeps it; null clears it (not done here: the vote below needs them).
  assert.equal((await roster([{ subject: 'dan' }])).status, 200);
  assert.deepEqual(await delegations(), { dan: 'pia', dee: 'pia' });
  // What the chair's page shows of it: the counts, the weighted members and the delegations.
  const summary = await h.call<RosterSummary>('GET', '/v1/orgs/assembly/roster', { auth: await h.jwt('alice') });
  assert.deepEqual(await summary.json(), {
    activeMembers: 6, // alice, pia, dan, dee, xav, quinn
    activeUnits: 17,
    weightedMembers: 1,
    delegationCount: 2,
    weighted: [{ subject: 'dan', weight: 12 }],
    delegations: [
      { subject: 'dan', delegateTo: 'pia' },
      { subject: 'dee', delegateTo: 'pia' },
    ],
  });
  assert.equal((await h.call('GET', '/v1/orgs/assembly/roster', { auth: await h.jwt('xav') })).status, 403);
});

test("the open snapshots the delegations: the holder gets the delegators' tokens, the delegators are refused", async () => {
  const id = await seedElection(h, 'assembly');
  await openElection(h, 'assembly', id);
  const held = await h.db.admin<{ subject: string; heldBy: string }[]>`
    select subject, held_by from registry.token_registrations where election_id = ${id} and held_by is not null
    order by subject`;
  assert.deepEqual(
    held.map((r) => [r.subject, r.heldBy]),
    [
      ['dan', 'pia'],
      ['dee', 'pia'],
    ],
  );
  // A delegation made after the open is for later elections: xav still votes himself in this one.
  assert.equal((await roster([{ subject: 'xav', delegateTo: 'quinn' }])).status, 200);

  const refused = await h.call('POST', `/v1/orgs/assembly/elections/${id}/token`, {
    auth: await h.jwt('dan'),
    body: {},
  });
  assert.equal(refused.status, 409);
  assert.equal((await refused.json()).code, 'held_by_proxy');
  const pia: TokenResponse = await tokenFor(h, 'assembly', id, 'pia');
  assert.deepEqual(
    pia.proxies!.map((p) => p.subject),
    ['dan', 'dee'],
  );
  assert.equal(
    pia.proxies!.some((p) => p.token === pia.token),
    false,
    "each delegator's own token",
  );
  const votes: [string, string][] = [
    [pia.token, 'yes'],
    [pia.proxies![0]!.token, 'no'],
    [pia.proxies![1]!.token, 'yes'],
    [(await tokenFor(h, 'assembly', id, 'xav')).token, 'abstain'],
  ];
  for (const [token, choice] of votes)
    assert.equal(
      (await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: [choice] } })).status,
      201,
    );
  const closed = await h.call<CloseElectionResponse>('POST', `/v1/orgs/assembly/elections/${id}/close`, {
    auth: await h.jwt('alice'),
    body: {},
  });
  const { results } = await closed.json();
  assert.deepEqual(
    results.options.map((o) => [o.id, o.votes]),
    [
      ['yes', 2],
      ['no', 1],
      ['abstain', 1],
    ],
  );
  assert.equal(
    (await h.db.admin`select 1 from registry.token_registrations where election_id = ${id}`).length,
    0,
    'the seal forgets who held whom',
  );
});

test('a member hands their own vote to a proxy and takes it back, within the same rules, never while a vote is open', async () => {
  const own = async (as: string, delegateTo: string | null) =>
    h.call<{ code?: string; message?: string; delegateTo?: string | null }>('PUT', '/v1/orgs/assembly/me/delegation', {
      auth: await h.jwt(as),
      body: { delegateTo },
    });
  const set = await own('quinn', 'xav');
  assert.equal(set.status, 400, 'xav delegates to quinn since the last test: quinn may not hand on a vote he holds');
  assert.match((await set.json()).message!, /xav delegates to quinn, who delegates too/);
  assert.equal((await own('xav', null)).status, 200, 'xav takes his vote back');
  const taken = await own('quinn', 'xav');
  assert.equal(taken.status, 200);
  assert.deepEqual(await taken.json(), { delegateTo: 'xav' });
  assert.equal((await delegations()).quinn, 'xav');
  const read = await h.call<{ delegateTo: string | null }>('GET', '/v1/orgs/assembly/me/delegation', {
    auth: await h.jwt('quinn'),
  });
  assert.deepEqual(await read.json(), { delegateTo: 'xav' });
  assert.equal((await own('quinn', 'quinn')).status, 400);
  assert.equal((await own('quinn', 'ina')).status, 400, 'an inactive holder');
  assert.equal((await own('ina', 'pia')).status, 403, 'an inactive member may not');
  const [event] = await h.db.admin<{ payload: unknown }[]>`
    select envelope -> 'payload' as payload from registry.outbox where org_id = 'assembly' and type = 'delegation.changed'
    order by occurred_at desc limit 1`;
  assert.deepEqual(event?.payload, {}, 'the event names nobody');
  assert.equal((await own('quinn', null)).status, 200);
  assert.equal((await delegations()).quinn, undefined);
  // While a vote is open a member's own change waits: it would name them and date it beside the ballots.
  const running = await seedElection(h, 'assembly');
  await openElection(h, 'assembly', running);
  const during = await own('quinn', 'pia');
  assert.equal(during.status, 409);
  assert.equal((await during.json()).code, 'invalid_transition');
  assert.equal((await delegations()).quinn, undefined, 'nothing written');
  await h.call('POST', `/v1/orgs/assembly/elections/${running}/close`, { auth: await h.jwt('alice'), body: {} });
});

test("a weighted election: the holder gets the delegator's whole bundle", async () => {
  const id = await seedElection(h, 'assembly', {
    title: 'Weighted',
    kind: 'yes_no_abstain',
    weights: { anonymityK: 1 },
  });
  await openElection(h, 'assembly', id);
  const pia = await tokenFor(h, 'assembly', id, 'pia');
  const dan = pia.proxies!.find((p) => p.subject === 'dan')!;
  assert.deepEqual(
    dan.tokens!.map((t) => t.units),
    [10, 1, 1, 0],
  );
  assert.equal(dan.token, dan.tokens![0]!.token);
  assert.deepEqual(
    pia.tokens!.map((t) => t.units),
    [1, 0],
  );
});
