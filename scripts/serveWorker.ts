/**
 * Serves one Pub/Sub worker (a functions-framework cloudEvent target) on
 * 127.0.0.1:$PORT for the local stack's push subscriptions.
 *   node --import tsx scripts/serveWorker.ts <audit|metering|lifecycle>
 */
import type { Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { loadLocalStackConfig } from '../shared/common/config.js';

const workers: Record<string, () => Promise<unknown>> = {
  audit: () => import('../workers/audit/index.js'),
  metering: () => import('../workers/metering/index.js'),
  lifecycle: () => import('../workers/lifecycle/index.js'),
};
const name = process.argv[2] ?? '';
const load = workers[name];
if (!load) {
  console.error(`usage: serveWorker <${Object.keys(workers).join('|')}>`);
  process.exit(2);
}
await load();
const stack = loadLocalStackConfig();
const server = getTestServer(name) as Server;
server.listen(stack.PORT, stack.EKKLESIA_HOST);
const stop = () => server.close(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 1000).unref();
