import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import { startHarness, seedOrg, seedElection, openElection, type Harness } from '../../helpers/harness.js';
import type { IssueTokenResponse } from '../../../functions/events/routes/issueToken.js';
import type { GetElectionResponse } from '../../../functions/events/routes/getElection.js';

let h: Harness;
let election: string;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'bob' }, { subject: 'carol' }, { subject: 'ina', status: 'inactive' }]);
  await seedOrg(h, 'other', [{ subject: 'olga' }]);
  election = await seedElection(h, 'acme');
});
after(() => h.close());

const issue = async (subject: string, id = election, org = 'acme') =>
  h.call<IssueTokenResponse>('POST', `/v1/orgs/${org}/elections/${id}/token`, { auth: await h.jwt(subject) });

describe('token issuance happy', () => {
  test('201 the first time, 200 with the same token after; the registry records only the issuance', async () => {
    const id = await seedElection(h, 'acme');
    const first = await issue('bob', id);
    assert.equal(first.status, 201);
    const body = await first.json();
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(body.receipt, receiptFor(body.token));
    const again = await issue('bob', id);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), body);
    const issuances = await h.db.admin`select subject from registry.token_issuances where election_id = ${id}`;
    assert.deepEqual(
      issuances.map((r) => r.subject),
      ['bob'],
    );
    const hashes = async () =>
      (
        await h.db.admin<{ tokenHash: Buffer }[]>`select token_hash from ballot_box.tokens where election_id = ${id}`
      ).map((r) => r.tokenHash.toString('hex'));
    assert.deepEqual(
      await hashes(),
      [],
      'a draft: the ballot box has no token hash yet, so none arrives with the issuance',
    );
  });

  test("at the open the ballot box gets every active member's token hash at once, issued or not, and nobody else's", async () => {
    const id = await seedElection(h, 'acme');
    const bob = await (await issue('bob', id)).json();
    await openElection(h, 'acme', id);
    const stored = await h.db.admin<{ tokenHash: Buffer; used: boolean }[]>`
      select token_hash, used from ballot_box.tokens where election_id = ${id}`;
    assert.equal(stored.length, 3, 'alice, bob and carol are active; ina is not');
    assert.ok(stored.some((r) => r.tokenHash.equals(tokenHash(bob.token)) && !r.used));
    const carol = await (await issue('carol', id)).json();
    assert.ok(
      stored.some((r) => r.tokenHash.equals(tokenHash(carol.token))),
      'registered at the open, before she asked',
    );
    const after = await h.db.admin`select 1 from ballot_box.tokens where election_id = ${id}`;
    assert.equal(after.length, 3, 'asking while open adds nothing');
  });

  test('different members get different tokens; issuance works in draft and while open; turnout counts issuances', async () => {
    const id = await seedElection(h, 'acme');
    const carol = await (await issue('carol', id)).json();
    const bob = await (await issue('bob', id)).json();
    assert.notEqual(carol.token, bob.token);
    await openElection(h, 'acme', id);
    assert.equal((await issue('alice', id)).status, 201);
    const read = await h.call<GetElectionResponse>('GET', `/v1/orgs/acme/elections/${id}`, {
      auth: await h.jwt('bob'),
    });
    assert.deepEqual((await read.json()).turnout, { tokensIssued: 3, ballotsCast: 0 });
  });
});

/** Token-hash registrations the ballot box was asked for since `from` (its access log). */
const registrationsSince = (from: number) =>
  h.logs.slice(from).filter((l) => l.includes('"route":"/v1/s2s/orgs/:org/elections/:id/tokens"')).length;

describe('token issuance while open', () => {
  test('members registered at the open get their tokens with no ballot box call; one who joins later is registered once, then votes', async () => {
    const id = await seedElection(h, 'acme');
    await openElection(h, 'acme', id);
    const from = h.logs.length;
    for (const m of ['bob', 'carol', 'alice']) assert.equal((await issue(m, id)).status, 201);
    assert.equal((await issue('bob', id)).status, 200);
    assert.equal(registrationsSince(from), 0, 'no S2S call for members active at the open');

    await h.call('PUT', '/v1/orgs/acme/members', {
      auth: await h.jwt('alice'),
      body: { members: [{ subject: 'dan', role: 'member', status: 'active' }] },
    });
    const dan = await issue('dan', id);
    assert.equal(dan.status, 201);
    assert.equal(registrationsSince(from), 1, 'the late member is registered when he asks');
    assert.equal((await issue('dan', id)).status, 200);
    assert.equal(registrationsSince(from), 1, 'and only once');
    const { token } = await dan.json();
    const cast = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } });
    assert.equal(cast.status, 201);
    const listed = await h.db.admin<{ subject: string }[]>`
      select subject from registry.token_registrations where election_id = ${id} order by subject`;
    assert.deepEqual(
      listed.map((r) => r.subject),
      ['alice', 'bob', 'carol', 'dan'],
      'the registered list names members, never tokens',
    );
  });
});

describe('token issuance errors', () => {
  test('an inactive member is 403 not_eligible and gets nothing', async () => {
    const res = await issue('ina');
    assert.equal(res.status, 403);
    assert.equal((await res.json()).code, 'not_eligible');
    const [row] = await h.db.admin`select 1 from registry.token_issuances where subject = 'ina'`;
    assert.equal(row, undefined);
  });

  test('an unknown election is 404; once closed, 409 election_not_open', async () => {
    assert.equal((await issue('bob', '00000000-0000-4000-8000-000000000000')).status, 404);
    const closing = await seedElection(h, 'acme');
    await openElection(h, 'acme', closing);
    const closed = await h.call('POST', `/v1/orgs/acme/elections/${closing}/close`, { auth: await h.jwt('alice') });
    assert.equal(closed.status, 200);
    const res = await issue('bob', closing);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'election_not_open');
  });
});

describe('token issuance and the key service', () => {
  test('tokens come from the data key in memory: a burst on an instance without it costs one KMS call', async () => {
    const id = await seedElection(h, 'acme');
    h.electionKeys.forget('acme', id); // as on an instance that did not create it
    const before = h.kmsRequests().get('decrypt') ?? 0;
    const members = ['bob', 'carol', 'alice'];
    const answers = await Promise.all(members.map((m) => issue(m, id)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [201, 201, 201],
    );
    for (const m of members) assert.equal((await issue(m, id)).status, 200);
    assert.equal((h.kmsRequests().get('decrypt') ?? 0) - before, 1);
  });

  test('with KMS away a token is 503 unavailable with Retry-After, and nothing is recorded', async () => {
    const id = await seedElection(h, 'acme');
    h.electionKeys.forget('acme', id);
    await h.stopKms();
    try {
      const res = await issue('bob', id);
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '2');
      assert.equal((await res.json()).code, 'unavailable');
    } finally {
      await h.startKms();
    }
    assert.equal((await h.db.admin`select 1 from registry.token_issuances where election_id = ${id}`).length, 0);
    assert.equal((await issue('bob', id)).status, 201, 'KMS back: the token is issued');
  });
});
