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

test('a password that is not 24 URL-safe characters stops the job before it connects', async () => {
  await assert.rejects(
    runMigrateJob({ DATABASE_URL: db.url(), EKKLESIA_RELAY_PASSWORD: "short'; drop role x; --" }),
    /EKKLESIA_RELAY_PASSWORD must be 24 or more URL-safe characters/,
  );
  await assert.rejects(runMigrateJob({}), /DATABASE_URL is required/);
});
