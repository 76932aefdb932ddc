/**
 * The deploy shape of a worker: a functions-framework `cloudEvent` target
 * named after the worker, fed by its topic's push subscription. A thrown
 * error answers the push with a failure, so Pub/Sub redelivers.
 */
import * as ff from '@google-cloud/functions-framework';
import { loadRelayConfig } from '../shared/config.js';
import { createLogger } from '../shared/log.js';
import { createPool } from '../shared/db/index.js';
import { consume, type Worker } from '../shared/events/index.js';

export const maxDeliveryAttempts = 5;

export function registerWorker(worker: Worker): void {
  const config = loadRelayConfig();
  const deps = { sql: createPool(config.db, `ekklesia-${worker.name}`), log: createLogger(config.log, worker.name), maxAttempts: maxDeliveryAttempts };
  ff.cloudEvent(worker.name, async (event: ff.CloudEvent<unknown>) => {
    await consume(deps, worker, event.data);
  });
}
