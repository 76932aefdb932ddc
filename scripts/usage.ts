/**
 * `npm run -s usage -- <org>`: the org's usage, totals and per day, as one
 * JSON line. Uses DATABASE_URL when set, else the running local stack's database.
 */
import { usageDays } from '../shared/registry/db/index.js';
import { inspectOrg } from '../local/stack/inspectionDb.js';

const org = process.argv[2];
if (!org) {
  console.error('usage: npm run -s usage -- <org>');
  process.exit(2);
}
const days = await inspectOrg('usage', org, (tx) => usageDays(tx, org));
const total = (key: 'tokensIssued' | 'ballotsCast' | 'electionsRun' | 'apiRequests') =>
  days.reduce((n, d) => n + d[key], 0);
console.log(
  JSON.stringify({
    org,
    tokensIssued: total('tokensIssued'),
    ballotsCast: total('ballotsCast'),
    electionsRun: total('electionsRun'),
    apiRequests: total('apiRequests'),
    days,
  }),
);
