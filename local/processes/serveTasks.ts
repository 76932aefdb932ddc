/**
 * Serves the Cloud Tasks stand-in (local/standIns/cloudTasks/) as a process
 * of its own, which the stack restarts when it dies like every other part;
 * its queues and tasks are kept in $TASKS_DIR, so a restart loses none.
 * Each dispatch's OIDC token is signed with the dev identity provider's keys,
 * as Google signs them for the queue's service account.
 *   node --import tsx local/processes/serveTasks.ts
 */
import { readFileSync } from 'node:fs';
import { loadTasksStandInConfig } from '../config.js';
import { startCloudTasksStandIn } from '../standIns/cloudTasks/index.js';
import { oidcSigner } from '../standIns/localTasks.js';
import type { IdpKeys } from '../idp/devIdp.js';
import { stopWithParent } from './watchdog.js';

const config = loadTasksStandInConfig();
const keys = JSON.parse(readFileSync(config.TASKS_IDP_KEYS, 'utf8')) as IdpKeys;
const standIn = await startCloudTasksStandIn({
  port: config.PORT,
  host: config.EKKLESIA_HOST,
  dataDir: config.TASKS_DIR,
  signOidc: oidcSigner(keys, config.TASKS_ISSUER),
});
process.once('SIGTERM', () => void standIn.close().finally(() => process.exit(0)));
stopWithParent();
