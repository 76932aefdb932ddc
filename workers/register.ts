/**
 * The deploy shape of a worker: a functions-framework `cloudEvent` target
 * named after the worker, fed by its topic's push subscription. A thrown
 * error answers the push with a failure, so Pub/Sub redelivers.
 */
import * as ff from '@google-cloud/functions-framework';
import { loadRelayConfig } from '../shared/common/config.js';
import { createLogger } from '../shared/common/log.js';
import { createPool } from '../shared/common/db/index.js';
import { consume, type ConsumeDeps, type Worker } from '../shared/registry/consume.js';

export const maxDeliveryAttempts = 5;

export function consumeDeps(name: string): ConsumeDeps {
  const config = loadRelayConfig();
  return {
    sql: createPool(config.db, `ekklesia-${name}`),
    log: createLogger(config.log, name),
    maxAttempts: maxDeliveryAttempts,
  };
}

export function registerWorker(worker: Worker, deps: ConsumeDeps = consumeDeps(worker.name)): void {
  ff.cloudEvent(worker.name, async (event: ff.CloudEvent<unknown>) => {
    await consume(deps, worker, event.data);
  });
}
