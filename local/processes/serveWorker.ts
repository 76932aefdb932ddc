/**
 * Serves one Pub/Sub worker on 127.0.0.1:$PORT for the local stack's push
 * subscriptions: its own deploy entry point (workers/<name>/index.ts, a
 * functions-framework HTTP target that checks the push's OIDC token), served
 * by the framework's test server.
 *   node --import tsx local/processes/serveWorker.ts <audit|metering|lifecycle>
 */
import type { Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { loadLocalStackConfig } from '../config.js';
import { stopWithParent } from './watchdog.js';

const workers: Record<string, () => Promise<unknown>> = {
  audit: () => import('../../workers/audit/index.js'),
  metering: () => import('../../workers/metering/index.js'),
  lifecycle: () => import('../../workers/lifecycle/index.js'),
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
stopWithParent();
