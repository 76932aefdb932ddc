/**
 * `npm run -s audit:verify -- <org>`: recomputes the org's audit hash chain
 * and prints one JSON line {"ok", "entries", "firstBadSeq"}. Uses DATABASE_URL
 * when set, else the running local stack's database.
 */
import { auditEntries } from '../shared/registry/db/index.js';
import { verifyChain } from '../shared/registry/auditChain.js';
import { inspectOrg } from '../local/stack/inspectionDb.js';

const org = process.argv[2];
if (!org) {
  console.error('usage: npm run -s audit:verify -- <org>');
  process.exit(2);
}
const check = verifyChain(await inspectOrg('audit-verify', org, (tx) => auditEntries(tx, org)));
console.log(JSON.stringify(check));
process.exit(check.ok ? 0 : 1);
