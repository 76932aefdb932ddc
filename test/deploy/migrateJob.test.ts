/**
 * The deploy's migration job on a real PostgreSQL: it migrates a fresh
 * database as the owner and gives each application login role its password
 * as a SCRAM verifier (never the text); run again, it applies nothing and
 * still sets the passwords; a malformed password stops it before any change.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadMigrations } from '../../shared/database/index.js';
import { loginRoles, runMigrateJob } from '../../deploy/migrateJob.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import postgres from 'postgres';

let db: TestDb;
before(async () => {
  db = await createTestDb({ template: null });
});
after(async () => {
  // Roles are the server's, shared with the other tests' databases: no password left behind.
  for (const role of loginRoles) await db.admin.unsafe(`alter role ${role} password null`);
  await db.close();
});

const passwords = Object.fromEntries(
  loginRoles.map((r, i) => [`${r.toUpperCase()}_PASSWORD`, `pw-${i}-${'x'.repeat(30)}`]),
);

test('migrates, then sets each login role a SCRAM verifier; again, applies nothing', async () => {
  const first = await runMigrateJob({ DATABASE_URL: db.url(), ...passwords });
  assert.deepEqual(
    first.applied,
    (await loadMigrations()).map((m) => m.version),
  );
  assert.deepEqual(first.passwords, [...loginRoles]);
  const rows = await db.admin<{ rolname: string; rolpassword: string; rolcanlogin: boolean }[]>`
    select rolname, rolpassword, rolcanlogin from pg_authid where rolname = any(${[...loginRoles]}) order by rolname`;
  assert.equal(rows.length, loginRoles.length);
  for (const row of rows) {
    assert.match(row.rolpassword, /^SCRAM-SHA-256\$4096:/, row.rolname);
    assert.ok(!row.rolpassword.includes('pw-'), 'the verifier, not the password');
    assert.ok(row.rolcanlogin);
  }
  const again = await runMigrateJob({ DATABASE_URL: db.url(), ...passwords });
  assert.deepEqual(again.applied, []);
  assert.equal(again.passwords.length, loginRoles.length);
});

test("each role's second login (ROLE_b) logs in and holds exactly the role's privileges, nothing of its own", async () => {
  const privileges = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
  const held = async (role: string) =>
    (
      await db.admin<{ held: string }[]>`
        select c.oid::regclass::text || ':' || p.privilege as held
        from pg_class c join pg_namespace n on n.oid = c.relnamespace, unnest(${privileges}::text[]) as p(privilege)
        where n.nspname in ('registry', 'ballot_box', 'ekklesia_meta') and c.relkind in ('r', 'v', 'p')
          and has_table_privilege(${role}, c.oid, p.privilege)
        order by 1`
    ).map((r) => r.held);
  for (const role of loginRoles.filter((r) => !r.endsWith('_b'))) {
    const second = `${role}_b`;
    const [row] = await db.admin<{ member: boolean; login: boolean; owns: number }[]>`
      select pg_has_role(${second}, ${role}, 'USAGE') as member, r.rolcanlogin as login,
        (select count(*)::int from pg_class where relowner = r.oid) as owns
      from pg_roles r where r.rolname = ${second}`;
    assert.deepEqual(row, { member: true, login: true, owns: 0 }, second);
    const own = await held(role);
    assert.ok(own.length > 0, `${role} holds privileges`);
    assert.deepEqual(await held(second), own, `${second} holds what ${role} holds`);
  }
  // It connects, and row-level security holds for it as for the role: with no tenant set, no member is visible.
  const sql = postgres(db.url('ekklesia_registry_b'), { max: 1, onnotice: () => {} });
  try {
    const [who] = await sql<{ user: string }[]>`select current_user as user`;
    assert.equal(who!.user, 'ekklesia_registry_b');
    await db.admin`insert into registry.orgs (org_id, name) values ('org-slot', 'Slot') on conflict do nothing`;
    const [seen] = await sql<{ n: number }[]>`select count(*)::int as n from registry.orgs`;
    assert.equal(seen!.n, 0, 'no tenant, no rows');
  } finally {
    await sql.end();
  }
});

test('a password that is not 24 URL-safe characters stops the job before it connects', async () => {
  await assert.rejects(
    runMigrateJob({ DATABASE_URL: db.url(), EKKLESIA_RELAY_PASSWORD: "short'; drop role x; --" }),
    /EKKLESIA_RELAY_PASSWORD must be 24 or more URL-safe characters/,
  );
  await assert.rejects(runMigrateJob({}), /DATABASE_URL is required/);
});
