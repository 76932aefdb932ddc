/**
 * A migrated database on a throwaway server (or on TEST_DATABASE_URL when
 * set), for tools that need one briefly, such as the schema dump.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadToolConfig } from '../config.js';
import { startPostgres, urlFor } from '../processes/postgres.js';
import { migrateDatabase, superuser } from './database.js';
import { freePort } from '../processes/freePort.js';

export async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const config = loadToolConfig();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-scratch-'));
  const server = config.TEST_DATABASE_URL
    ? undefined
    : await startPostgres({
        dataDir: path.join(scratch, 'data'),
        port: await freePort(),
        durable: false,
        binDir: config.PG_BIN_DIR,
      });
  const serverUrl = config.TEST_DATABASE_URL ?? server!.url;
  const name = `scratch_${process.pid}`;
  const admin = superuser(urlFor(serverUrl, 'postgres'));
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    await migrateDatabase(urlFor(serverUrl, name));
    return await work(urlFor(serverUrl, name));
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
