import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, seedOrg, type Harness } from '../../helpers/harness.js';

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
    assert.deepEqual(await res.json(), { upserted: 2 });
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
