/**
 * Bad input never reaches PostgreSQL: each value a contract fuzzer found to
 * cause a 500 (or to be stored wrong) is sent to each route that takes it,
 * and the answer is a 4xx in the contract's error shape (the harness checks
 * the shape of every answer) with nothing written.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { devAudience } from '../../local/idp/devIdp.js';
import { parseMasterKeys, sign } from '../../shared/common/s2s/index.js';
import { operatorKey, seedElection, seedOrg, startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let draft: string;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'bob' }, { subject: '12345' }]);
  await seedOrg(h, 'other');
  draft = await seedElection(h, 'acme');
});
after(() => h.close());

const nul = 'a\u0000b';
const badTimestamps = {
  'year 0': '0000-01-01T00:00:00Z',
  'year 10000 after the offset': '9999-12-31T23:59:59-14:00',
  'an impossible date': '2031-02-30T10:00:00Z',
  'an hour-only offset': '2031-01-01T10:00:00+01',
  'no offset': '2031-01-01T10:00:00',
  'a lowercase t and z': '2031-01-01t10:00:00z',
  'a leap second': '2031-06-30T23:59:60Z',
  'ten fractional digits': '2031-01-01T10:00:00.0123456789Z',
  'an offset of 24 hours': '2031-01-01T10:00:00+24:00',
  'no seconds': '2031-01-01T10:00Z',
};

/** Everything the database holds, counted: a refused request writes nothing. */
const counts = async () =>
  (
    await h.db.admin`
      select (select count(*) from registry.orgs) + (select count(*) from registry.members)
        + (select count(*) from registry.meetings) + (select count(*) from registry.elections)
        + (select count(*) from ballot_box.elections) as n`
  )[0]?.n;

type Case = [name: string, method: string, path: string, body: unknown, status: number, code: string];

const cases = (): Case[] => [
  ['a NUL in an org name', 'POST', '/v1/orgs', { id: 'nul-org', name: nul, admins: ['x'] }, 400, 'invalid_request'],
  [
    'a NUL in an admin subject',
    'POST',
    '/v1/orgs',
    { id: 'nul-org', name: 'N', admins: [nul] },
    400,
    'invalid_request',
  ],
  [
    'a NUL in a member subject',
    'PUT',
    '/v1/orgs/acme/members',
    { members: [{ subject: nul, role: 'member', status: 'active' }] },
    400,
    'invalid_request',
  ],
  [
    'a NUL in a meeting title',
    'POST',
    '/v1/orgs/acme/meetings',
    { title: nul, startsAt: '2031-01-01T10:00:00Z', expectedAttendees: 1 },
    400,
    'invalid_request',
  ],
  [
    'a NUL in an election title',
    'POST',
    '/v1/orgs/acme/elections',
    { title: nul, kind: 'yes_no_abstain' },
    400,
    'invalid_request',
  ],
  [
    'a NUL in an option label',
    'POST',
    '/v1/orgs/acme/elections',
    {
      title: 'T',
      kind: 'single',
      options: [
        { id: 'a', label: nul },
        { id: 'b', label: 'B' },
      ],
    },
    400,
    'invalid_request',
  ],
  [
    'a C1 control character (U+0085) in a meeting title',
    'POST',
    '/v1/orgs/acme/meetings',
    { title: 'a\u0085b', startsAt: '2031-01-01T10:00:00Z', expectedAttendees: 1 },
    400,
    'invalid_request',
  ],
  [
    'DEL in an election title',
    'POST',
    '/v1/orgs/acme/elections',
    { title: 'a\u007fb', kind: 'yes_no_abstain' },
    400,
    'invalid_request',
  ],
  [
    '201 emoji as an election title',
    'POST',
    '/v1/orgs/acme/elections',
    { title: '🗳'.repeat(201), kind: 'yes_no_abstain' },
    400,
    'invalid_request',
  ],
  ['an admin twice', 'POST', '/v1/orgs', { id: 'twice-org', name: 'N', admins: ['x', 'x'] }, 400, 'invalid_request'],
  ...Object.entries(badTimestamps).flatMap(([what, at]): Case[] => [
    [
      `${what} as a meeting start`,
      'POST',
      '/v1/orgs/acme/meetings',
      { title: 'M', startsAt: at, expectedAttendees: 1 },
      400,
      'invalid_request',
    ],
    [
      `${what} as an election's closesAt`,
      'POST',
      '/v1/orgs/acme/elections',
      { title: 'E', kind: 'yes_no_abstain', closesAt: at },
      400,
      'invalid_request',
    ],
    [
      `${what} as closesAt at the open`,
      'POST',
      `/v1/orgs/acme/elections/${draft}/open`,
      { closesAt: at },
      400,
      'invalid_request',
    ],
  ]),
];

test('each bad value is a 400 in the contract shape on each route that takes it, and writes nothing', async () => {
  const before = await counts();
  const list = cases();
  assert.ok(list.length >= 20);
  for (const [name, method, path, body, status, code] of list) {
    const auth = path === '/v1/orgs' ? operatorKey : await h.jwt('alice');
    const res = await h.call(method, path, { auth, body });
    assert.deepEqual({ status: res.status, code: (await res.json()).code }, { status, code }, name);
  }
  assert.equal(await counts(), before);
  const [row] = await h.db.admin`select status from registry.elections where id = ${draft}`;
  assert.equal(row?.status, 'draft', 'the open with a bad closesAt left the draft a draft');
});

test('a JWT whose subject is not a string, or holds a NUL, is 401, even when it matches a member', async () => {
  const key = await importJWK(h.keys.privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  for (const sub of [12345, nul, ['bob']]) {
    const jwt = await new SignJWT({ sub } as unknown as Record<string, unknown>)
      .setProtectedHeader({ alg: 'ES256', kid: h.keys.privateJwk.kid! })
      .setIssuer(h.issuer)
      .setAudience(devAudience)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(key);
    const res = await h.call('GET', `/v1/orgs/acme/elections/${draft}`, { auth: jwt });
    assert.equal(res.status, 401, JSON.stringify(sub));
  }
});

test("on the signed S2S surface: a bad election id, a long Idempotency-Key, a huge maxChoices, text/plain, another org's id", async () => {
  const master = parseMasterKeys(h.s2sKeys).get('k1')!;
  const send = (org: string, path: string, body: string, o: { key?: string; type?: string; method?: string } = {}) => {
    const method = o.method ?? 'PUT';
    const headers = sign(
      { method, path, body, idempotencyKey: o.key ?? randomUUID() },
      org,
      'k1',
      master,
      Math.floor(Date.now() / 1000),
      Date.now() + 5000,
    );
    return h.vote(method, path, { headers: { ...headers, 'content-type': o.type ?? 'application/json' }, raw: body });
  };
  const definition = JSON.stringify({ kind: 'single', optionIds: ['a', 'b'], maxChoices: 1 });
  const expect = async (res: Response, status: number, code: string, what: string) =>
    assert.deepEqual(
      { status: res.status, code: ((await res.json()) as { code: string }).code },
      { status, code },
      what,
    );

  await expect(
    await send('acme', '/v1/s2s/orgs/acme/elections/not-a-uuid', definition),
    404,
    'unknown_election',
    'a non-UUID id',
  );
  await expect(
    await send('acme', `/v1/s2s/orgs/acme/elections/${randomUUID()}`, definition, { key: 'k'.repeat(201) }),
    401,
    'bad_signature',
    'an Idempotency-Key over 200 characters',
  );
  const huge = JSON.stringify({ kind: 'multi', optionIds: ['a', 'b'], maxChoices: 2 ** 40 });
  await expect(
    await send('acme', `/v1/s2s/orgs/acme/elections/${randomUUID()}`, huge),
    400,
    'invalid_request',
    'maxChoices beyond any integer column',
  );
  await expect(
    await send('acme', `/v1/s2s/orgs/acme/elections/${randomUUID()}`, definition, { type: 'text/plain' }),
    415,
    'unsupported_media_type',
    'a text/plain body',
  );
  // acme's draft is defined in the ballot box; another org claims its id.
  await expect(
    await send('other', `/v1/s2s/orgs/other/elections/${draft}`, definition),
    409,
    'definition_conflict',
    "another org's election id",
  );
  const [row] = await h.db.admin`select org_id from ballot_box.elections where id = ${draft}`;
  assert.equal(row?.orgId, 'acme');
});

test('characters are counted as people count them: 200 emoji (400 UTF-16 units) are a title; a no-break space is text', async () => {
  const title = '🗳'.repeat(200);
  const res = await h.call<{ id: string; title: string }>('POST', '/v1/orgs/acme/elections', {
    auth: await h.jwt('alice'),
    body: { title, kind: 'yes_no_abstain' },
  });
  assert.equal(res.status, 201);
  const [row] = await h.db
    .admin`select title, length(title) as n from registry.elections where id = ${(await res.json()).id}`;
  assert.equal(row?.title, title);
  assert.equal(row?.n, 200, 'PostgreSQL counts the same 200');
  const meeting = await h.call('POST', '/v1/orgs/acme/meetings', {
    auth: await h.jwt('alice'),
    body: { title: 'AGM\u00a02027', startsAt: '2031-01-01T10:00:00Z', expectedAttendees: 1 },
  });
  assert.equal(meeting.status, 201);
});
