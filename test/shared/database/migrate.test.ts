import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, loadMigrations, dumpSchema } from '../../../shared/database/index.js';
import { createTestDb, rawSuperuser, type TestDb } from '../../helpers/db.js';

/** A database no migration has touched. */
let fresh: TestDb;
/** A database that the runner has migrated (this file's own, so no test depends on another having run). */
let migrated: TestDb;
before(async () => {
  fresh = await createTestDb({ template: null });
  migrated = await createTestDb({ template: null });
  const sql = rawSuperuser(migrated.name);
  await migrate(sql).finally(() => sql.end());
});
after(async () => {
  await fresh.close();
  await migrated.close();
});

test('two runners started at once apply every version exactly once', async () => {
  const a = rawSuperuser(fresh.name);
  const b = rawSuperuser(fresh.name);
  try {
    const [ranA, ranB] = await Promise.all([migrate(a), migrate(b)]);
    const all = await loadMigrations();
    assert.deepEqual(
      [...ranA, ...ranB].sort((x, y) => x - y),
      all.map((m) => m.version),
    );
    const rows = await fresh.admin<
      { version: number }[]
    >`select version from ekklesia_meta.migrations order by version`;
    assert.deepEqual(
      rows.map((r) => r.version),
      all.map((m) => m.version),
    );
  } finally {
    await Promise.all([a.end(), b.end()]);
  }
});

test('running again is a no-op', async () => {
  const sql = rawSuperuser(migrated.name);
  try {
    const before = await dumpSchema(sql);
    assert.deepEqual(await migrate(sql), []);
    assert.equal(await dumpSchema(sql), before);
  } finally {
    await sql.end();
  }
});

test('the migrated schema matches the committed dump (npm run schema:dump updates it)', async () => {
  const committed = readFileSync(new URL('../../../shared/database/schema.dump.txt', import.meta.url), 'utf8');
  const sql = rawSuperuser(migrated.name);
  try {
    assert.equal(await dumpSchema(sql), committed);
  } finally {
    await sql.end();
  }
});

test('a migration edited after it was applied stops the runner', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  const original = await loadMigrations();
  for (const m of original)
    writeFileSync(path.join(dir, `${String(m.version).padStart(6, '0')}_${m.name}.sql`), `${m.sql}\n-- edited\n`);
  const sql = rawSuperuser(migrated.name);
  try {
    await assert.rejects(migrate(sql, dir), /changed after it was applied/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sql.end();
  }
});

test('a failing migration leaves nothing behind, not even its version row', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  for (const m of await loadMigrations())
    writeFileSync(path.join(dir, `${String(m.version).padStart(6, '0')}_${m.name}.sql`), m.sql);
  writeFileSync(
    path.join(dir, '999999_broken.sql'),
    'create table registry.half_done (x int);\nselect no_such_function();\n',
  );
  const sql = rawSuperuser(migrated.name);
  try {
    await assert.rejects(migrate(sql, dir), /no_such_function/);
    const [version] = await sql`select 1 from ekklesia_meta.migrations where version = 999999`;
    assert.equal(version, undefined);
    const [table] = await sql`select 1 from pg_tables where schemaname = 'registry' and tablename = 'half_done'`;
    assert.equal(table, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sql.end();
  }
});

test('a table given ekklesia_meta.tenant_table gets RLS enabled, forced, and the tenant policy every table has', async () => {
  const db = await createTestDb();
  try {
    await db.admin.begin(async (tx) => {
      await tx`create table registry.helper_probe (org_id text not null, x int)`;
      await tx`select ekklesia_meta.tenant_table('registry.helper_probe')`;
    });
    const [table] = await db.admin`
      select relrowsecurity as rls, relforcerowsecurity as forced from pg_class where oid = 'registry.helper_probe'::regclass`;
    assert.deepEqual({ ...table }, { rls: true, forced: true });
    const policy = async (table: string) =>
      (
        await db.admin`select roles::text[], qual, with_check from pg_policies where schemaname = 'registry' and tablename = ${table} and policyname = 'tenant_isolation'`
      ).map((r) => ({ ...r }));
    assert.deepEqual(await policy('helper_probe'), await policy('members'));
    assert.equal((await policy('helper_probe')).length, 1);
  } finally {
    await db.close();
  }
});
