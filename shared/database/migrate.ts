/**
 * Forward-only migrations: numbered `.sql` files in ./migrations, each applied
 * in its own transaction. Within it the runner takes a transaction-scoped
 * advisory lock and inserts the version row before the migration's SQL, so
 * two instances starting at once apply every version exactly once. A file
 * changed after it was applied stops the runner (its checksum no longer matches).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Sql } from '../common/db/pool.js';
import { transaction } from '../common/db/transaction.js';

const defaultDir = fileURLToPath(new URL('./migrations', import.meta.url));
const lockKey = 0x656b6b; // any constant shared by every runner

export type Migration = { version: number; name: string; sql: string; checksum: string };

export async function loadMigrations(dir = defaultDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = /^(\d{6})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration file name must look like 000001_name.sql: ${file}`);
    const sql = await readFile(path.join(dir, file), 'utf8');
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`duplicate migration version ${version}`);
    migrations.push({ version, name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/** Applies what is missing; returns the versions this call applied. */
export async function migrate(sql: Sql, dir = defaultDir): Promise<number[]> {
  const migrations = await loadMigrations(dir);
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await transaction(sql, async (tx) => {
      await tx`select pg_advisory_xact_lock(${lockKey})`;
      await tx`create schema if not exists ekklesia_meta`;
      await tx`create table if not exists ekklesia_meta.migrations (
        version integer primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`;
      const [existing] = await tx<{ checksum: string }[]>`
        select checksum from ekklesia_meta.migrations where version = ${migration.version}`;
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(`migration ${migration.version}_${migration.name} changed after it was applied`);
        }
        return false;
      }
      await tx`insert into ekklesia_meta.migrations (version, name, checksum)
               values (${migration.version}, ${migration.name}, ${migration.checksum})`;
      await tx.unsafe(migration.sql);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
