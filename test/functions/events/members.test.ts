import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import { tokenHash } from '../../../shared/common/crypto/index.js';
import { keepRegistrations } from '../../../workers/lifecycle/scheduled.js';
import { scheduleDeps } from '../../helpers/schedule.js';
import { waitFor } from '../../../local/wait.js';
import type { UpsertMembersResponse } from '../../../schemas/api.js';
import { countRows } from '../../helpers/db.js';

let h: Harness;
let schedule: ReturnType<typeof scheduleDeps>;
before(async () => {
  h = await startHarness();
  schedule = scheduleDeps(h);
  await seedOrg(h, 'acme', [{ subject: 'bob' }]);
  await seedOrg(h, 'other', [{ subject: 'olga' }]);
});
after(async () => {
  await schedule.close();
  await h.close();
});

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
    const n = await countRows(h.db.admin)`registry.members where org_id = 'acme' and subject like 'm%'`;
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
    const events = await h.db.admin<{ type: string; payload: unknown }[]>`
      select type, envelope->'payload' as payload from registry.outbox
      where org_id = 'club' and type in ('roster.imported', 'tokens.withdrawn') order by occurred_at desc limit 2`;
    assert.deepEqual(
      events.map((e) => [e.type, e.payload]).sort(),
      [
        ['roster.imported', { upserted: 3 }],
        ['tokens.withdrawn', { electionId: id, tokensWithdrawn: 2, alreadyVoted: 1 }],
      ],
      'the audit trail has both',
    );
  });

  test('a roster change refused (the last admin) changes nothing: the member keeps their token and votes', async () => {
    await seedOrg(h, 'lodge', [{ subject: 'ola' }]);
    const id = await seedElection(h, 'lodge');
    await openElection(h, 'lodge', id);
    const before = await tokenFor(h, 'lodge', id, 'ola');
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

  test('made active again, a member is registered anew by the tick, gets their token back and votes', async () => {
    await seedOrg(h, 'guild', [{ subject: 'nia' }]);
    const id = await seedElection(h, 'guild');
    await openElection(h, 'guild', id);
    await put('guild', [{ subject: 'nia', role: 'member', status: 'inactive' }]);
    await put('guild', [{ subject: 'nia', role: 'member', status: 'active' }]);
    const pending = await h.call('POST', `/v1/orgs/guild/elections/${id}/token`, { auth: await h.jwt('nia') });
    assert.equal((await pending.json()).code, 'registration_pending');
    assert.ok((await keepRegistrations(schedule)) >= 1);
    const nia = await tokenFor(h, 'guild', id, 'nia');
    const res = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: nia.token, body: { choices: ['no'] } });
    assert.equal(res.status, 201);
  });
});

describe('PUT /v1/orgs/{org}/members: a suspension leaves no working token, whatever races it', () => {
  test('a member asking for tokens in a loop while being made inactive ends with no working token', async () => {
    await seedOrg(h, 'union', [{ subject: 'sam' }]);
    const ids = [await seedElection(h, 'union'), await seedElection(h, 'union')];
    for (const id of ids) await openElection(h, 'union', id);
    const got = new Map<string, string>();
    let stop = false;
    let asked = 0;
    const loop = async (id: string) => {
      while (!stop) {
        const res = await h.call<{ token: string }>('POST', `/v1/orgs/union/elections/${id}/token`, {
          auth: await h.jwt('sam'),
        });
        asked++;
        if (res.status < 300) got.set(id, (await res.json()).token);
      }
    };
    const loops = [...ids, ...ids, ...ids].map(loop);
    await waitFor('the first tokens', 10_000, async () => got.size === ids.length);
    const res = await put('union', [{ subject: 'sam', role: 'member', status: 'inactive' }]);
    assert.equal(res.status, 200);
    const askedAtAnswer = asked;
    await waitFor('more requests after the answer', 10_000, async () => asked > askedAtAnswer + 6);
    stop = true;
    await Promise.all(loops);
    for (const [id, token] of got) {
      const cast = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } });
      assert.equal(cast.status, 401, 'a token the loop got does not vote');
    }
    const hashes = [...got.values()].map((t) => tokenHash(t).toString('hex'));
    const left = await h.db
      .admin`select 1 from ballot_box.tokens where encode(token_hash, 'hex') = any(${hashes}::text[])`;
    assert.equal(left.length, 0, 'no hash of his is left at the ballot box');
  });

  test('a withdrawal that did not finish is finished by the tick, from the roster and the registered list', async () => {
    await seedOrg(h, 'coop', [{ subject: 'uma' }]);
    const id = await seedElection(h, 'coop');
    await openElection(h, 'coop', id);
    const uma = await tokenFor(h, 'coop', id, 'uma');
    // As a roster change leaves it when its instance dies after the write, before the ballot box is asked.
    await h.db.admin`update registry.members set status = 'inactive' where org_id = 'coop' and subject = 'uma'`;
    const refused = await h.call('POST', `/v1/orgs/coop/elections/${id}/token`, { auth: await h.jwt('uma') });
    assert.equal(refused.status, 403, 'refused from the write on');
    await keepRegistrations(schedule);
    const cast = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: uma.token, body: { choices: ['yes'] } });
    assert.equal(cast.status, 401, 'the tick withdrew it');
    assert.equal(
      (await h.db.admin`select 1 from registry.token_registrations where election_id = ${id}`).length,
      1,
      'only alice stays listed',
    );
  });
});
