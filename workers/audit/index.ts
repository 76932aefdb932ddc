/** Deploy entry point: the `audit` target, a cloudEvent function fed by the audit topic's push subscription. */
import * as ff from '@google-cloud/functions-framework';
import { loadRelayConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/log.js';
import { createPool } from '../../shared/db/index.js';
import { consume } from '../../shared/events/index.js';
import { auditWorker } from './handle.js';

const config = loadRelayConfig();
const deps = { sql: createPool(config.db, 'ekklesia-audit'), log: createLogger(config.log, 'audit'), maxAttempts: 5 };
ff.cloudEvent('audit', async (event: ff.CloudEvent<unknown>) => {
  await consume(deps, auditWorker, event.data);
});
