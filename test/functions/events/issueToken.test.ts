/**
 * Voting tokens: derived, the same on every request, and a request writes
 * nothing (docs/threat-model.md): the ballot box learns every eligible
 * member's hash at the open, and members who become eligible later are
 * registered by the lifecycle tick in a batch, never at their request.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import { startHarness, seedOrg, seedElection, openElection, type Harness } from '../../helpers/harness.js';
import { scheduleDeps } from '../../helpers/schedule.js';
import { keepRegistrations } from '../../../workers/lifecycle/scheduled.js';
import type { Election, TokenResponse } from '../../../schemas/api.js';

let h: Harness;
let schedule: ReturnType<typeof scheduleDeps>;
let election: string;
before(async () => {
  h = await startHarness();
  schedule = scheduleDeps(h);
  await seedOrg(h, 'acme', [{ subject: 'bob' }, { subject: 'carol' }, { subject: 'ina', status: 'inactive' }]);
  await seedOrg(h, 'other', [{ subject: 'olga' }]);
  election = await seedElection(h, 'acme');
});
after(async () => {
  await schedule.close();
  await h.close();
});

const issue = async (subject: string, id = election, org = 'acme') =>
  h.call<TokenResponse>('POST', `/v1/orgs/${org}/elections/${id}/token`, { auth: await h.jwt(subject) });

/** Every row of both schemas, as text: what a request may not change. */
async function everyRow(): Promise<string[]> {
  const tables = await h.db.admin<{ name: string }[]>`
    select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
    where table_schema in ('registry', 'ballot_box') and table_type = 'BASE TABLE' order by 1`;
  const rows: string[] = [];
  for (const { name } of tables)
    for (const r of await h.db.admin.unsafe(`select t::text as row, t.xmin::text as xmin from ${name} t order by 1`))
      rows.push(`${name} ${String(r.row)} ${String(r.xmin)}`);
  return rows;
}

const turnoutOf = async (id: string) =>
  (await (await h.call<Election>('GET', `/v1/orgs/acme/elections/${id}`, { auth: await h.jwt('bob') })).json()).turnout;

describe('token issuance happy', () => {
  test('200 with the same token every time, in a draft and while open, and nothing is written', async () => {
    const id = await seedElection(h, 'acme');
    const before = await everyRow();
    const first = await issue('bob', id);
    assert.equal(first.status, 200);
    const body = await first.json();
    assert.match(body.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(body.receipt, receiptFor(body.token));
    const again = await issue('bob', id);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), body);
    assert.deepEqual(await everyRow(), before, 'a request in a draft writes nothing, not even a transaction id');
    await openElection(h, 'acme', id);
    const open = await everyRow();
    for (const m of ['bob', 'carol', 'alice', 'bob']) assert.equal((await issue(m, id)).status, 200);
    assert.deepEqual(await everyRow(), open, 'nor while open');
    assert.deepEqual(await (await issue('bob', id)).json(), body, 'the same token once open');
  });

  test("at the open the ballot box gets every active member's token hash at once, and nobody else's", async () => {
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
    const listed = await h.db.admin<{ subject: string }[]>`
      select subject from registry.token_registrations where election_id = ${id} order by subject`;
    assert.deepEqual(
      listed.map((r) => r.subject),
      ['alice', 'bob', 'carol'],
      'the registered list names members, never tokens, and only those of the open',
    );
  });

  test('turnout counts eligible members: the active ones in a draft, the registered ones once open, stored at the seal', async () => {
    const id = await seedElection(h, 'acme');
    assert.deepEqual(await turnoutOf(id), { eligible: 3, ballotsCast: 0 });
    await openElection(h, 'acme', id);
    const { token } = await (await issue('carol', id)).json();
    await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['no'] } });
    assert.deepEqual(await turnoutOf(id), { eligible: 3, ballotsCast: 1 });
    await h.call('POST', `/v1/orgs/acme/elections/${id}/close`, { auth: await h.jwt('alice') });
    assert.deepEqual(await turnoutOf(id), { eligible: 3, ballotsCast: 1 });
    const [sealed] = await h.db.admin<
      { eligible: number }[]
    >`select eligible from ballot_box.elections where id = ${id}`;
    assert.equal(sealed?.eligible, 3);
    assert.equal(
      (await h.db.admin`select 1 from registry.token_registrations where election_id = ${id}`).length,
      0,
      'the registered list goes at the seal',
    );
  });
});

describe('members who become eligible after the open', () => {
  test('are told registration_pending until the tick registers them together; then they vote', async () => {
    const id = await seedElection(h, 'acme');
    await openElection(h, 'acme', id);
    const late = ['dan', 'eve', 'fay'];
    await h.call('PUT', '/v1/orgs/acme/members', {
      auth: await h.jwt('alice'),
      body: { members: late.map((subject) => ({ subject, role: 'member', status: 'active' })) },
    });
    const pending = await issue('dan', id);
    assert.equal(pending.status, 409);
    assert.equal((await pending.json()).code, 'registration_pending');
    assert.equal(pending.headers.get('retry-after'), '15');
    assert.equal(
      (await h.db.admin`select 1 from ballot_box.tokens where election_id = ${id}`).length,
      3,
      'the request registered nothing',
    );

    assert.ok((await keepRegistrations(schedule)) >= 3);
    const registrations = await h.db.admin<{ subject: string; xmin: string }[]>`
      select subject, xmin::text as xmin from registry.token_registrations
      where election_id = ${id} and subject = any(${late}::text[])`;
    assert.equal(registrations.length, 3);
    assert.equal(new Set(registrations.map((r) => r.xmin)).size, 1, 'one batch, one transaction');
    const [event] = await h.db.admin<{ payload: { registered: number } }[]>`
      select envelope->'payload' as payload from registry.outbox
      where type = 'tokens.registered' and envelope->'payload'->>'electionId' = ${id}`;
    assert.deepEqual(event?.payload, { electionId: id, registered: 3 }, 'audited as a count');

    const dan = await issue('dan', id);
    assert.equal(dan.status, 200);
    const cast = await h.vote('POST', `/v1/elections/${id}/ballots`, {
      auth: (await dan.json()).token,
      body: { choices: ['yes'] },
    });
    assert.equal(cast.status, 201);
    assert.equal(await keepRegistrations(schedule), 0, 'a second tick has nobody left to register');
  });
});

describe('token issuance errors', () => {
  test('an inactive member is 403 not_eligible', async () => {
    const res = await issue('ina');
    assert.equal(res.status, 403);
    assert.equal((await res.json()).code, 'not_eligible');
  });

  test('an unknown election is 404; once closed, 409 election_not_open, and the instance forgets the key', async () => {
    assert.equal((await issue('bob', '00000000-0000-4000-8000-000000000000')).status, 404);
    const closing = await seedElection(h, 'acme');
    await openElection(h, 'acme', closing);
    assert.equal((await issue('bob', closing)).status, 200);
    const closed = await h.call('POST', `/v1/orgs/acme/elections/${closing}/close`, { auth: await h.jwt('alice') });
    assert.equal(closed.status, 200);
    const res = await issue('bob', closing);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'election_not_open');
    assert.equal(h.electionKeys.holds('acme', closing), false);
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
      [200, 200, 200],
    );
    for (const m of members) assert.equal((await issue(m, id)).status, 200);
    assert.equal((h.kmsRequests().get('decrypt') ?? 0) - before, 1);
  });

  test('with KMS away a token is 503 unavailable with Retry-After', async () => {
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
    assert.equal((await issue('bob', id)).status, 200, 'KMS back: the token is issued');
  });
});
