/**
 * `npm run -s usage -- <org>`: the org's usage, totals and per day, as one
 * JSON line. Uses DATABASE_URL when set, else the running local stack's database.
 */
import { loadLocalStackConfig, loadToolConfig } from '../shared/config.js';
import { createPool, withTenant } from '../shared/db/index.js';
import { usageDays } from '../shared/db/registry/index.js';
import { readJson, stackPaths, type LocalJson } from '../local/stackFiles.js';

const org = process.argv[2];
if (!org) {
  console.error('usage: npm run -s usage -- <org>');
  process.exit(2);
}
const url = loadToolConfig().DATABASE_URL ?? readJson<LocalJson>(stackPaths(loadLocalStackConfig().EKKLESIA_DIR).localJson)?.databaseUrl;
if (!url) {
  console.error('set DATABASE_URL or start the local stack (npm start)');
  process.exit(2);
}
const sql = createPool({ url, poolMax: 1, connectTimeoutMs: 5000, statementTimeoutMs: 60_000 }, 'ekklesia-usage');
const days = await withTenant(sql, org, (tx) => usageDays(tx, org));
await sql.end();
const total = (key: 'tokensIssued' | 'ballotsCast' | 'electionsRun' | 'apiRequests') => days.reduce((n, d) => n + d[key], 0);
console.log(JSON.stringify({
  org,
  tokensIssued: total('tokensIssued'),
  ballotsCast: total('ballotsCast'),
  electionsRun: total('electionsRun'),
  apiRequests: total('apiRequests'),
  days,
}));
