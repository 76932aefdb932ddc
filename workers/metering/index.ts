/** Deploy entry point: the `metering` target, a cloudEvent function fed by the metering topic's push subscription. */
import * as ff from '@google-cloud/functions-framework';
import { loadRelayConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/log.js';
import { createPool } from '../../shared/db/index.js';
import { consume } from '../../shared/events/index.js';
import { meteringWorker } from './handle.js';

const config = loadRelayConfig();
const deps = { sql: createPool(config.db, 'ekklesia-metering'), log: createLogger(config.log, 'metering'), maxAttempts: 5 };
ff.cloudEvent('metering', async (event: ff.CloudEvent<unknown>) => {
  await consume(deps, meteringWorker, event.data);
});
