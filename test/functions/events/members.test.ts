import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import { tokenHash } from '../../../shared/common/crypto/index.js';
import type { UpsertMembersResponse } from '../../../functions/events/routes/upsertMembers.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'bob' }]);
  await seedOrg(h, 'other', [{ subject: 'olga' }]);
});
after(() => h.close());

const put = async (org: string, members: unknown, as = 'alice') =>
  h.call('PUT', `/v1/orgs/${org}/members`, { auth: await h.jwt(as), body: { members } });
const roster = async (org: string) =>
  (
    await h.db.admin`select subject, role, status, weight from registry.members where org_id = ${org} order by subject`
  ).map((r) => ({ ...r }));

describe('PUT /v1/orgs/{org}/members happy', () => {
  test('inserts new members and updates existing ones, keeping an omitted weight', async () => {
    await put('acme', [{ subject: 'carol', role: 'member', status: 'active', weight: 3 }]);
    const res = await put('acme', [
      { subject: 'carol', role: 'admin', status: 'active' },
      { subject: 'dave', role: 'member', status: 'inactive' },
    ]);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { upserted: 2, tokensWithdrawn: 0, alreadyVoted: 0 });
    const rows = await roster('acme');
    assert.deepEqual(
      rows.find((r) => r.subject === 'carol'),
      { subject: 'carol', role: 'admin', status: 'active', weight: 3 },
    );
    assert.deepEqual(
      rows.find((r) => r.subject === 'dave'),
      { subject: 'dave', role: 'member', status: 'inactive', weight: 1 },
    );
  });

  test('a large roster imports in one request', async () => {
    const members = Array.from({ length: 500 }, (_, i) => ({ subject: `m${i}`, role: 'member', status: 'active' }));
    const res = await put('acme', members);
    assert.equal(res.status, 200);
    const [{ n }] = (await h.db
      .admin`select count(*)::int as n from registry.members where org_id = 'acme' and subject like 'm%'`) as unknown as [
      { n: number },
    ];
    assert.equal(n, 500);
  });
});

describe('PUT /v1/orgs/{org}/members errors', () => {
  test('invalid entries are 400 and nothing of the request is written', async () => {
    const before = await roster('acme');
    const cases: unknown[] = [
      [
        { subject: 'x1', role: 'member', status: 'active' },
        { subject: 'x2', role: 'owner', status: 'active' },
      ],
      [
        { subject: 'x1', role: 'member', status: 'active' },
        { subject: 'x1', role: 'admin', status: 'active' },
      ],
      [{ subject: '', role: 'member', status: 'active' }],
      [{ subject: 'x1', role: 'member', status: 'active', weight: 0 }],
      [{ subject: 'x1', role: 'member', status: 'active', email: 'x@example.org' }],
      [],
    ];
    for (const members of cases) {
      const res = await put('acme', members);
      assert.equal(res.status, 400, JSON.stringify(members));
      assert.equal((await res.json()).code, 'invalid_request');
    }
    assert.deepEqual(await roster('acme'), before);
  });

  test('removing the last active admin is 409 and rolls back the whole import', async () => {
    const before = await roster('other');
    const res = await put('other', [
      { subject: 'new-member', role: 'member', status: 'active' },
      { subject: 'alice', role: 'admin', status: 'inactive' },
    ]);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'last_admin');
    assert.deepEqual(await roster('other'), before);
  });
});

describe('PUT /v1/orgs/{org}/members: eligibility follows the roster while an election is open', () => {
  test('a member made inactive loses their token; one who has voted stays counted and is reported', async () => {
    await seedOrg(h, 'club', [{ subject: 'kim' }, { subject: 'lee' }, { subject: 'max' }]);
    const id = await seedElection(h, 'club');
    await openElection(h, 'club', id);
    const kim = await tokenFor(h, 'club', id, 'kim');
    const lee = await tokenFor(h, 'club', id, 'lee');
    const cast = (token: string) =>
      h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } });
    assert.equal((await cast(lee.token)).status, 201);

    const res = await h.call<UpsertMembersResponse>('PUT', '/v1/orgs/club/members', {
      auth: await h.jwt('alice'),
      body: {
        members: [
          { subject: 'kim', role: 'member', status: 'inactive' },
          { subject: 'lee', role: 'member', status: 'inactive' },
          { subject: 'max', role: 'member', status: 'inactive' },
        ],
      },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(
      await res.json(),
      { upserted: 3, tokensWithdrawn: 2, alreadyVoted: 1 },
      'kim and max withdrawn; lee had voted',
    );

    const refused = await cast(kim.token);
    assert.equal(refused.status, 401, 'the withdrawn token no longer votes');
    assert.equal(
      (await h.db.admin`select 1 from ballot_box.tokens where token_hash = ${tokenHash(kim.token)}`).length,
      0,
    );
    const ballots = await h.db.admin`select receipt from ballot_box.ballots where election_id = ${id}`;
    assert.deepEqual(
      ballots.map((b) => b.receipt),
      [lee.receipt],
      "lee's ballot stays",
    );
    const [event] = await h.db.admin<{ payload: unknown }[]>`
      select envelope->'payload' as payload from registry.outbox where org_id = 'club' and type = 'roster.imported'
      order by occurred_at desc limit 1`;
    assert.deepEqual(event?.payload, { upserted: 3, tokensWithdrawn: 2, alreadyVoted: 1 }, 'the audit trail has it');
  });

  test('a roster change refused after the withdrawal: the member stays active, is registered anew, and votes', async () => {
    await seedOrg(h, 'lodge', [{ subject: 'ola' }]);
    const id = await seedElection(h, 'lodge');
    await openElection(h, 'lodge', id);
    const before = await tokenFor(h, 'lodge', id, 'ola');
    // Taking the only admin too is refused whole (409), after ola's token was withdrawn.
    const refused = await put('lodge', [
      { subject: 'ola', role: 'member', status: 'inactive' },
      { subject: 'alice', role: 'admin', status: 'inactive' },
    ]);
    assert.equal(refused.status, 409);
    const [ola] = await h.db.admin<{ status: string }[]>`select status from registry.members where subject = 'ola'`;
    assert.equal(ola!.status, 'active');
    const again = await tokenFor(h, 'lodge', id, 'ola');
    assert.equal(again.token, before.token);
    const res = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: again.token, body: { choices: ['yes'] } });
    assert.equal(res.status, 201);
  });

  test('made active again, a member gets their token back and votes', async () => {
    await seedOrg(h, 'guild', [{ subject: 'nia' }]);
    const id = await seedElection(h, 'guild');
    await openElection(h, 'guild', id);
    await put('guild', [{ subject: 'nia', role: 'member', status: 'inactive' }]);
    await put('guild', [{ subject: 'nia', role: 'member', status: 'active' }]);
    const nia = await tokenFor(h, 'guild', id, 'nia');
    const res = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: nia.token, body: { choices: ['no'] } });
    assert.equal(res.status, 201);
  });
});
