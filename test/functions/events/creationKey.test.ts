/**
 * A chair's client that retries a creation (after a 503, a timeout, a lost
 * answer) with the same Idempotency-Key gets what the first request made,
 * never a second meeting or election; the key with another request is 409.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Election, Meeting } from '../../../schemas/api.js';
import { startHarness, seedOrg, type Harness } from '../../helpers/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme');
  await seedOrg(h, 'other');
});
after(() => h.close());

const meeting = { title: 'AGM', startsAt: '2027-03-01T18:00:00Z', expectedAttendees: 300 };
const election = { title: 'Approve the budget', kind: 'yes_no_abstain' };

const create = async <T>(org: string, what: 'meetings' | 'elections', body: unknown, key?: string) =>
  h.call<T>('POST', `/v1/orgs/${org}/${what}`, {
    auth: await h.jwt('alice'),
    body,
    ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
  });

const count = async (table: 'meetings' | 'elections', title: string) =>
  (await h.db.admin`select count(*)::int as n from ${h.db.admin('registry.' + table)} where title = ${title}`)[0]!
    .n as number;
const definitions = async (id: string) =>
  (await h.db.admin`select count(*)::int as n from ballot_box.elections where id = ${id}`)[0]!.n as number;

describe('the same creation again with its key', () => {
  test('a meeting: the same id, one row', async () => {
    const body = { ...meeting, title: 'AGM retried' };
    const first = await create<Meeting>('acme', 'meetings', body, 'meeting-1');
    const again = await create<Meeting>('acme', 'meetings', body, 'meeting-1');
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.deepEqual(await again.json(), await first.json());
    assert.equal(await count('meetings', 'AGM retried'), 1);
  });

  test('an election: the same id, one registry row, one ballot-box definition', async () => {
    const body = { ...election, title: 'Budget retried' };
    const first = await create<Election>('acme', 'elections', body, 'election-1');
    const again = await create<Election>('acme', 'elections', body, 'election-1');
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    const made = await first.json();
    assert.equal((await again.json()).id, made.id);
    assert.equal(await count('elections', 'Budget retried'), 1);
    assert.equal(await definitions(made.id), 1);
  });

  test('ten at once with one key make one election, and all ten answer it', async () => {
    const body = { ...election, title: 'Budget at once' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => create<Election>('acme', 'elections', body, 'election-burst')),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(10).fill(201),
    );
    const ids = new Set(await Promise.all(answers.map(async (a) => (await a.json()).id)));
    assert.equal(ids.size, 1);
    assert.equal(await count('elections', 'Budget at once'), 1);
    assert.equal(await definitions([...ids][0]!), 1);
  });

  test('ten meetings at once with one key make one', async () => {
    const body = { ...meeting, title: 'AGM at once' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => create<Meeting>('acme', 'meetings', body, 'meeting-burst')),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(10).fill(201),
    );
    assert.equal(new Set(await Promise.all(answers.map(async (a) => (await a.json()).id))).size, 1);
    assert.equal(await count('meetings', 'AGM at once'), 1);
  });

  test('an election whose first attempt failed (KMS away) is made by the retry, once', async () => {
    const body = { ...election, title: 'Budget after an outage' };
    await h.stopKms();
    let failed: number;
    try {
      failed = (await create('acme', 'elections', body, 'election-outage')).status;
    } finally {
      await h.startKms();
    }
    assert.equal(failed, 503);
    assert.equal(await count('elections', 'Budget after an outage'), 0);
    const retry = await create<Election>('acme', 'elections', body, 'election-outage');
    assert.equal(retry.status, 201);
    const again = await create<Election>('acme', 'elections', body, 'election-outage');
    assert.equal((await again.json()).id, (await retry.json()).id);
    assert.equal(await count('elections', 'Budget after an outage'), 1);
  });

  test('without a key each request creates', async () => {
    const body = { ...meeting, title: 'AGM twice' };
    await create('acme', 'meetings', body);
    await create('acme', 'meetings', body);
    assert.equal(await count('meetings', 'AGM twice'), 2);
  });

  test("another org's key of the same name is its own", async () => {
    const body = { ...meeting, title: 'AGM per org' };
    const a = await create<Meeting>('acme', 'meetings', body, 'shared-name');
    const b = await create<Meeting>('other', 'meetings', body, 'shared-name');
    assert.equal(b.status, 201);
    assert.notEqual((await b.json()).id, (await a.json()).id);
  });
});

describe('a key misused', () => {
  test('409 idempotency_conflict for the key with another body, and nothing written', async () => {
    await create('acme', 'meetings', { ...meeting, title: 'AGM first' }, 'meeting-reused');
    const res = await create('acme', 'meetings', { ...meeting, title: 'AGM second' }, 'meeting-reused');
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'idempotency_conflict');
    assert.equal(await count('meetings', 'AGM second'), 0);
  });

  test('409 for a meeting key sent to create an election', async () => {
    await create('acme', 'meetings', { ...meeting, title: 'AGM keyed' }, 'cross-kind');
    const res = await create('acme', 'elections', { ...election, title: 'Election keyed' }, 'cross-kind');
    assert.equal(res.status, 409);
    assert.equal(await count('elections', 'Election keyed'), 0);
  });

  for (const [name, key] of [
    ['an empty key', ''],
    ['a key with a space', 'two words'],
    ['a key of 201 characters', 'k'.repeat(201)],
    ['a key with a non-ASCII letter', 'schlüssel'],
  ] as const) {
    test(`400 invalid_request for ${name}, nothing written`, async () => {
      const title = `AGM ${name}`;
      const res = await h.call('POST', '/v1/orgs/acme/meetings', {
        auth: await h.jwt('alice'),
        body: { ...meeting, title },
        headers: { 'idempotency-key': key },
      });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).code, 'invalid_request');
      assert.equal(await count('meetings', title), 0);
    });
  }
});
