/**
 * `npm run -s audit:verify -- <org>`: recomputes the org's audit hash chain
 * and prints one JSON line {"ok", "entries", "firstBadSeq"}. Uses DATABASE_URL
 * when set, else the running local stack's database.
 */
import { loadLocalStackConfig, loadToolConfig } from '../shared/config.js';
import { createPool, withTenant } from '../shared/db/index.js';
import { auditEntries, verifyChain } from '../shared/db/registry/index.js';
import { readJson, stackPaths, type LocalJson } from '../local/stackFiles.js';

const org = process.argv[2];
if (!org) {
  console.error('usage: npm run -s audit:verify -- <org>');
  process.exit(2);
}
const url = loadToolConfig().DATABASE_URL ?? readJson<LocalJson>(stackPaths(loadLocalStackConfig().EKKLESIA_DIR).localJson)?.databaseUrl;
if (!url) {
  console.error('set DATABASE_URL or start the local stack (npm start)');
  process.exit(2);
}
const sql = createPool({ url, poolMax: 1, connectTimeoutMs: 5000, statementTimeoutMs: 60_000 }, 'ekklesia-audit-verify');
const check = verifyChain(await withTenant(sql, org, (tx) => auditEntries(tx, org)));
await sql.end();
console.log(JSON.stringify(check));
process.exit(check.ok ? 0 : 1);
