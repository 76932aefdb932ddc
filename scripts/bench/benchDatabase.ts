/**
 * The benchmarks' own PostgreSQL: a scratch folder, a server on a free port,
 * one migrated database and a superuser pool on it; `stop` ends the pool,
 * the server and the folder (npm run bench, npm run bench:live).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPostgres, urlFor, type PgServer } from '../../local/processes/postgres.js';
import { ensureDatabase, migrateDatabase } from '../../local/stack/database.js';
import { freePort } from '../../local/processes/freePort.js';
import { createPool, type Sql } from '../../shared/common/db/index.js';

export type BenchDatabase = { scratch: string; pg: PgServer; admin: Sql; stop(): Promise<void> };

export async function startBenchDatabase(
  database: string,
  options: { durable: boolean; poolMax: number; statementTimeoutMs: number },
): Promise<BenchDatabase> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), `ekklesia-${database}-`));
  chmodSync(scratch, 0o755); // PostgreSQL runs as its own user and must reach its data folder
  const pg = await startPostgres({
    dataDir: path.join(scratch, 'data'),
    port: await freePort(),
    durable: options.durable,
  });
  const stopServer = async () => {
    await pg.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    await ensureDatabase(pg.url, database);
    await migrateDatabase(urlFor(pg.url, database));
  } catch (err) {
    await stopServer();
    throw err;
  }
  const admin = createPool(
    {
      url: urlFor(pg.url, database),
      poolMax: options.poolMax,
      connectTimeoutMs: 5000,
      statementTimeoutMs: options.statementTimeoutMs,
    },
    `${database}-admin`,
  );
  return {
    scratch,
    pg,
    admin,
    stop: async () => {
      await admin.end().catch((err: unknown) => console.error(err));
      await stopServer();
    },
  };
}
