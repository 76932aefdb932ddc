/** The elections function's S2S surface: signatures checked before anything, each Idempotency-Key answered once. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseMasterKeys, sign } from '../../../shared/common/s2s/index.js';
import { startHarness, seedOrg, seedElection, type Harness } from '../../helpers/harness.js';
import { countRows } from '../../helpers/db.js';

describe('the elections function refuses bad signatures and answers each Idempotency-Key once', () => {
  let h: Harness;
  let election: string;
  before(async () => {
    h = await startHarness();
    await seedOrg(h, 'acme');
    election = await seedElection(h, 'acme');
  });
  after(() => h.close());

  const send = (path: string, body: string, key: string, o: { keyId?: string; master?: Buffer; at?: number } = {}) => {
    const keys = parseMasterKeys(h.s2sKeys);
    const headers = sign(
      { method: 'POST', path, body, idempotencyKey: key },
      'acme',
      o.keyId ?? 'k1',
      o.master ?? keys.get('k1')!,
      o.at ?? Math.floor(Date.now() / 1000),
      Date.now() + 5000,
    );
    return fetch(h.elections.url + path, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
  };
  const status = async () =>
    (await h.db.admin`select status from ballot_box.elections where id = ${election}`)[0]?.status;

  test('unsigned, wrongly signed or stale requests are 401 bad_signature and change nothing', async () => {
    const path = `/v1/s2s/orgs/acme/elections/${election}/open`;
    const unsigned = await fetch(h.elections.url + path, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unsigned.status, 401);
    assert.equal(((await unsigned.json()) as { code: string }).code, 'bad_signature');
    assert.equal((await send(path, '{}', 'k-a', { master: randomBytes(32) })).status, 401);
    assert.equal((await send(path, '{}', 'k-b', { at: Math.floor(Date.now() / 1000) - 3600 })).status, 401);
    assert.equal((await send(path, '{}', 'k-c', { keyId: 'k9' })).status, 401);
    assert.equal(await status(), 'draft');
  });

  test('a repeated request gets the stored answer; the same key on another request is 409', async () => {
    const path = `/v1/s2s/orgs/acme/elections/${election}/open`;
    const first = await Promise.all([send(path, '{}', 'open-once'), send(path, '{}', 'open-once')]);
    assert.deepEqual(
      first.map((r) => r.status),
      [200, 200],
    );
    assert.equal(await status(), 'open');
    const replay = await send(path, '{}', 'open-once');
    assert.equal(replay.status, 200, 'a replay inside the window is answered from the record, not re-run');
    const fresh = await send(path, '{}', 'open-twice');
    assert.equal(fresh.status, 409, 'a new key re-runs the change, which is now invalid');
    const misuse = await send(`/v1/s2s/orgs/acme/elections/${election}/close`, '{}', 'open-once');
    assert.equal(misuse.status, 409);
    assert.equal(((await misuse.json()) as { code: string }).code, 'idempotency_conflict');
    const n = await countRows(h.db.admin)`ballot_box.s2s_requests where idempotency_key = 'open-once'`;
    assert.equal(n, 1);
  });
});

describe('every S2S route validates its whole request before it changes anything', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    await seedOrg(h, 'acme');
  });
  after(() => h.close());

  const signed = (method: 'POST' | 'PUT', path: string, body: string, contentType: string | undefined) => {
    const headers = sign(
      { method, path, body, idempotencyKey: randomBytes(8).toString('hex') },
      'acme',
      'k1',
      parseMasterKeys(h.s2sKeys).get('k1')!,
      Math.floor(Date.now() / 1000),
      Date.now() + 5000,
    );
    return fetch(h.elections.url + path, {
      method,
      headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });
  };
  const statusOf = async (id: string) =>
    (await h.db.admin`select status from ballot_box.elections where id = ${id}`)[0]?.status;
  const answer = async (res: Response) => [res.status, ((await res.json()) as { code: string }).code];

  test('a close without its content type, or with a body that is not {}, is refused and leaves the election open', async () => {
    const id = await seedElection(h, 'acme');
    const open = await h.call('POST', `/v1/orgs/acme/elections/${id}/open`, { auth: await h.jwt('alice'), body: {} });
    assert.equal(open.status, 200);
    const path = `/v1/s2s/orgs/acme/elections/${id}/close`;
    assert.deepEqual(await answer(await signed('POST', path, '{}', undefined)), [415, 'unsupported_media_type']);
    assert.deepEqual(await answer(await signed('POST', path, '{}', 'text/plain')), [415, 'unsupported_media_type']);
    assert.deepEqual(await answer(await signed('POST', path, '[]', 'application/json')), [400, 'invalid_request']);
    assert.deepEqual(await answer(await signed('POST', path, '{"x":1}', 'application/json')), [400, 'invalid_request']);
    assert.equal(await statusOf(id), 'open');
    const empty = await signed('POST', path, '', undefined); // a route that takes no body takes none at all too
    assert.equal(empty.status, 200);
    assert.equal(await statusOf(id), 'sealed');
  });

  test('[] is not {}: an open with [] is refused, by the chair’s route and by the S2S one, and the draft stays a draft', async () => {
    const id = await seedElection(h, 'acme');
    const chair = await h.call('POST', `/v1/orgs/acme/elections/${id}/open`, { auth: await h.jwt('alice'), raw: '[]' });
    assert.deepEqual([chair.status, (await chair.json()).code], [400, 'invalid_request']);
    const path = `/v1/s2s/orgs/acme/elections/${id}/open`;
    assert.deepEqual(await answer(await signed('POST', path, '[]', 'application/json')), [400, 'invalid_request']);
    assert.equal(await statusOf(id), 'draft');
  });

  test('a definition inconsistent for its kind is refused, and nothing is registered', async () => {
    const id = randomUUID();
    const path = `/v1/s2s/orgs/acme/elections/${id}`;
    for (const definition of [
      { kind: 'single', optionIds: ['a', 'b', 'c'], maxChoices: 3 },
      { kind: 'single', optionIds: ['a'], maxChoices: 1 },
      { kind: 'multi', optionIds: ['a', 'b'], maxChoices: 3 },
      { kind: 'multi', optionIds: ['a', 'a', 'b'], maxChoices: 1 },
      { kind: 'yes_no_abstain', optionIds: ['yes', 'no'], maxChoices: 1 },
      { kind: 'yes_no_abstain', optionIds: ['yes', 'no', 'abstain'], maxChoices: 2 },
    ])
      assert.deepEqual(
        await answer(await signed('PUT', path, JSON.stringify(definition), 'application/json')),
        [400, 'invalid_request'],
        JSON.stringify(definition),
      );
    assert.equal(await countRows(h.db.admin)`ballot_box.elections where id = ${id}`, 0);
    const fine = { kind: 'multi', optionIds: ['a', 'b', 'c'], maxChoices: 2 };
    assert.equal((await signed('PUT', path, JSON.stringify(fine), 'application/json')).status, 201);
  });
});

describe('the S2S surface reads no body before the headers hold', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('an unsigned chunked upload of 8 MiB is 401 at once; a plausibly signed one stops at 64 KiB with 413', async () => {
    let pulled = 0;
    const upload = () =>
      new ReadableStream({
        pull(controller) {
          if (pulled >= 8 * 1024 * 1024) return controller.close();
          pulled += 64 * 1024;
          controller.enqueue(new Uint8Array(64 * 1024).fill(120));
        },
      });
    const path = `/v1/s2s/orgs/acme/elections/${'0'.repeat(8)}-0000-4000-8000-000000000000`;
    const unsigned = await fetch(h.elections.url + path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: upload(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(unsigned.status, 401);
    assert.equal(((await unsigned.json()) as { code: string }).code, 'bad_signature');

    const keys = parseMasterKeys(h.s2sKeys);
    const headers = sign(
      { method: 'PUT', path, body: '', idempotencyKey: 'big-1' },
      'acme',
      'k1',
      keys.get('k1')!,
      Math.floor(Date.now() / 1000),
      Date.now() + 5000,
    );
    const oversized = await fetch(h.elections.url + path, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: upload(),
      duplex: 'half',
    } as RequestInit);
    assert.equal(oversized.status, 413, 'the body is read only up to the limit');
    assert.equal(((await oversized.json()) as { code: string }).code, 'payload_too_large');
  });
});

describe('S2S answers are kept for a day', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test("an org's S2S answers older than a day are dropped as its next change is answered; newer ones stay", async () => {
    await seedOrg(h, 'retention');
    await h.db.admin`
      insert into ballot_box.s2s_requests (org_id, idempotency_key, request_hash, status, response, created_at)
      values ('retention', 'old-answer', ${randomBytes(32)}, 200, '{}', now() - interval '25 hours'),
             ('retention', 'recent-answer', ${randomBytes(32)}, 200, '{}', now() - interval '23 hours')`;
    await seedElection(h, 'retention'); // its definition is the org's first S2S change here
    const keys = (await h.db.admin`select idempotency_key from ballot_box.s2s_requests where org_id = 'retention'`).map(
      (r) => r.idempotencyKey,
    );
    assert.ok(!keys.includes('old-answer'), 'older than a day: gone');
    assert.ok(keys.includes('recent-answer'), 'younger: kept');
    assert.ok(
      keys.some((k) => String(k).startsWith('define:')),
      "the new change's own answer is there",
    );
  });
});
