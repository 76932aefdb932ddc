/**
 * The database a command-line tool inspects: DATABASE_URL when set, else the
 * running local stack's (a superuser connection, so the tools filter by org
 * themselves: RLS does not restrict a superuser).
 */
import { loadLocalStackConfig, loadToolConfig } from '../config.js';
import { createPool, withTenant, type Tx } from '../../shared/common/db/index.js';
import { readJson, stackPaths, type LocalJson } from './stackFiles.js';

export async function inspectOrg<T>(tool: string, orgId: string, read: (tx: Tx) => Promise<T>): Promise<T> {
  const url =
    loadToolConfig().DATABASE_URL ??
    readJson<LocalJson>(stackPaths(loadLocalStackConfig().EKKLESIA_DIR).localJson)?.databaseUrl;
  if (!url) {
    console.error('set DATABASE_URL or start the local stack (npm start)');
    process.exit(2);
  }
  const sql = createPool({ url, poolMax: 1, connectTimeoutMs: 5000, statementTimeoutMs: 60_000 }, `ekklesia-${tool}`);
  try {
    return await withTenant(sql, orgId, read);
  } finally {
    await sql.end();
  }
}
