/**
 * A worker that only consumes its topic (audit, metering), wired from its
 * config: its own database role and a logger. Nothing happens at import.
 */
import { loadWorkerConfig, type WorkerConfig } from '../shared/common/config/index.js';
import { createLogger } from '../shared/common/log.js';
import { startTracing } from '../shared/common/trace/tracing.js';
import { createPool } from '../shared/common/db/index.js';
import { consume, type Worker } from '../shared/registry/consume.js';
import type { WorkerDeployable } from './deployable.js';

/** Deliveries of one event before it is parked in registry.delivery_failures and acknowledged. */
export const maxDeliveryAttempts = 5;

export function wireConsumer(worker: Worker, config: WorkerConfig = loadWorkerConfig()): WorkerDeployable {
  startTracing(config.log.trace);
  const log = createLogger(config.log, worker.name);
  const sql = createPool(config.db, `ekklesia-${worker.name}`);
  const deps = { sql, log, maxAttempts: maxDeliveryAttempts };
  return {
    log,
    invoker: config.invoker,
    handle: async (data) => void (await consume(deps, worker, data)),
    stop: () => sql.end({ timeout: 2 }),
  };
}
