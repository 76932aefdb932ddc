import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, operatorKey, type Harness } from '../../helpers/harness.js';
import type { Org } from '../../../schemas/api.js';
import { countRows } from '../../helpers/db.js';

let h: Harness;
before(async () => (h = await startHarness()));
after(() => h.close());

const create = (body: unknown, auth = operatorKey) => h.call<Org>('POST', '/v1/orgs', { auth, body });

describe('POST /v1/orgs happy', () => {
  test('creates the org and its admins in one go', async () => {
    const res = await create({ id: 'acme', name: 'Acme Union', admins: ['alice', 'bob'] });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.equal(body.id, 'acme');
    assert.deepEqual(body.admins, ['alice', 'bob']);
    const [org] = await h.db.admin`select name from registry.orgs where org_id = 'acme'`;
    assert.equal(org?.name, 'Acme Union');
    const admins = await h.db
      .admin`select subject, role, status from registry.members where org_id = 'acme' order by subject`;
    assert.deepEqual(
      admins.map((r) => ({ ...r })),
      [
        { subject: 'alice', role: 'admin', status: 'active' },
        { subject: 'bob', role: 'admin', status: 'active' },
      ],
    );
  });
});

describe('POST /v1/orgs errors', () => {
  test('an existing id is 409 and changes nothing', async () => {
    await create({ id: 'dupe', name: 'First', admins: ['alice'] });
    const res = await create({ id: 'dupe', name: 'Second', admins: ['mallory'] });
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'org_exists');
    const [org] = await h.db.admin`select name from registry.orgs where org_id = 'dupe'`;
    assert.equal(org?.name, 'First');
    const [mallory] = await h.db.admin`select 1 from registry.members where subject = 'mallory'`;
    assert.equal(mallory, undefined);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['bad slug', { id: 'Not A Slug', name: 'x', admins: ['a'] }, /^id:/],
    ['too short slug', { id: 'a', name: 'x', admins: ['a'] }, /^id:/],
    ['no admins', { id: 'ok-id', name: 'x', admins: [] }, /^admins:/],
    ['duplicate admins', { id: 'ok-id', name: 'x', admins: ['a', 'a'] }, /distinct/],
    ['missing name', { id: 'ok-id', admins: ['a'] }, /^name: is required/],
    ['unknown field', { id: 'ok-id', name: 'x', admins: ['a'], plan: 'gold' }, /unknown field "plan"/],
    ['not an object', ['ok-id'], /^the body must be a JSON object, not an array/],
  ];
  for (const [name, body, message] of invalid) {
    test(`400 for ${name}, in the error shape`, async () => {
      const res = await h.call('POST', '/v1/orgs', { auth: operatorKey, body });
      assert.equal(res.status, 400);
      const err = await res.json();
      assert.equal(err.code, 'invalid_request');
      assert.match(err.message, message);
      assert.equal(err.requestId, res.headers.get('x-request-id'));
    });
  }

  test('malformed JSON is 400 invalid_json, a non-JSON type 415', async () => {
    const bad = await h.call('POST', '/v1/orgs', { auth: operatorKey, raw: '{"id": "x",' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).code, 'invalid_json');
    const text = await h.call('POST', '/v1/orgs', {
      auth: operatorKey,
      raw: 'id=x',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(text.status, 415);
    const n = await countRows(h.db.admin)`registry.orgs where org_id = 'x'`;
    assert.equal(n, 0);
  });
});
