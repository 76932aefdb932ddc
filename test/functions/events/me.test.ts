/**
 * What the web app asks first: `GET /v1/me` names exactly the orgs where the
 * caller is an active member, with the role (none where inactive or absent,
 * whatever else the roster holds), and `GET /v1/orgs/{org}/elections` lists
 * an org's elections to its members without drafts and to its admins with
 * them; to anyone not on the roster the org does not exist.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ElectionList, Me } from '../../../schemas/api.js';
import { openElection, seedElection, seedOrg, startHarness, type Harness } from '../../helpers/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'ann' }, { subject: 'bob', role: 'admin' }]);
  await seedOrg(h, 'beta', [{ subject: 'ann', role: 'admin' }]);
  await seedOrg(h, 'gone', [{ subject: 'ann', status: 'inactive' }, { subject: 'bob' }]);
});
after(() => h.close());

const me = async (subject: string) => h.call<Me>('GET', '/v1/me', { auth: await h.jwt(subject) });

test('GET /v1/me: the active memberships with their roles, and nothing of other orgs', async () => {
  const ann = await me('ann');
  assert.equal(ann.status, 200);
  assert.deepEqual(await ann.json(), {
    subject: 'ann',
    orgs: [
      { id: 'acme', name: 'Org acme', role: 'member' },
      { id: 'beta', name: 'Org beta', role: 'admin' },
    ],
  });
  assert.deepEqual(await (await me('nobody')).json(), { subject: 'nobody', orgs: [] });
  assert.equal((await h.call('GET', '/v1/me')).status, 401);
  assert.equal((await h.call('GET', '/v1/me', { auth: 'not-a-jwt' })).status, 401);
  // The one door across orgs is for the events function's role only.
  const [grant] = await h.db.admin<{ roles: string[] }[]>`
    select array_agg(grantee::regrole::text order by 1) as roles
    from pg_proc p, aclexplode(p.proacl) a
    where p.oid = 'registry.memberships_of(text)'::regprocedure and a.privilege_type = 'EXECUTE'
      and a.grantee <> p.proowner`;
  assert.deepEqual(
    grant?.roles.filter((r) => r.startsWith('ekklesia_')),
    ['ekklesia_registry'],
  );
});

test('the door across orgs runs as the production owner: no superuser, no BYPASSRLS, RLS forced, a fixed search_path', async () => {
  const [fn] = await h.db.admin<
    { owner: string; superuser: boolean; bypass: boolean; login: boolean; definer: boolean; config: string[] }[]
  >`
    select r.rolname as owner, r.rolsuper as superuser, r.rolbypassrls as bypass, r.rolcanlogin as login,
           p.prosecdef as definer, p.proconfig as config
    from pg_proc p join pg_roles r on r.oid = p.proowner
    where p.oid = 'registry.memberships_of(text)'::regprocedure`;
  assert.deepEqual(fn, {
    owner: 'ekklesia_directory',
    superuser: false,
    bypass: false,
    login: false,
    definer: true,
    config: ['search_path=pg_catalog, pg_temp'],
  });
  const forced = await h.db.admin<{ name: string; forced: boolean }[]>`
    select relname as name, relforcerowsecurity as forced from pg_class
    where oid in ('registry.members'::regclass, 'registry.orgs'::regclass) order by 1`;
  assert.deepEqual(
    forced.map((t) => [t.name, t.forced]),
    [
      ['members', true],
      ['orgs', true],
    ],
  );
  // As that owner, with no tenant set, only the policies made for it let rows through: one subject's, as asked.
  const rows = await h.db.admin.begin(async (tx) => {
    await tx`set local role ekklesia_directory`;
    return tx<{ orgId: string; role: string }[]>`select org_id, role from registry.memberships_of('ann')`;
  });
  assert.deepEqual(
    rows.map((r) => [r.orgId, r.role]),
    [
      ['acme', 'member'],
      ['beta', 'admin'],
    ],
  );
});

test('GET /v1/orgs/{org}/elections: drafts for admins only; unknown to outsiders and inactive members', async () => {
  const draft = await seedElection(h, 'acme', { title: 'Draft motion', kind: 'yes_no_abstain' });
  const open = await seedElection(h, 'acme', { title: 'Open motion', kind: 'yes_no_abstain' });
  await openElection(h, 'acme', open);
  const list = async (subject: string, org = 'acme') =>
    h.call<ElectionList>('GET', `/v1/orgs/${org}/elections`, { auth: await h.jwt(subject) });

  const member = await (await list('ann')).json();
  assert.deepEqual(
    member.elections.map((e) => [e.title, e.status]),
    [['Open motion', 'open']],
  );
  const admin = await (await list('bob')).json();
  assert.deepEqual(admin.elections.map((e) => e.id).sort(), [draft, open].sort());
  assert.equal((await list('carol')).status, 404);
  assert.equal((await list('ann', 'gone')).status, 403);
  const none = await (await list('ann', 'beta')).json();
  assert.deepEqual(none.elections, []);
});
