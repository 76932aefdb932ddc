/** Creates a database on a local server if missing and brings it to the latest migration. */
import postgres from 'postgres';
import type { Sql } from '../../shared/common/db/index.js';
import { migrate } from '../../shared/database/index.js';
import { urlFor } from '../processes/postgres.js';

export function superuser(url: string): Sql {
  return postgres(url, { max: 2, onnotice: () => {} }) as unknown as Sql;
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = superuser(urlFor(serverUrl, 'postgres'));
  try {
    const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!exists) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}

export async function migrateDatabase(url: string): Promise<number[]> {
  const sql = superuser(url);
  try {
    return await migrate(sql);
  } finally {
    await sql.end();
  }
}
