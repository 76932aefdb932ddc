/** The local stack's stand-in for Cloud Scheduler calling the relay: a sweep every few seconds. */
import { createPool } from '../shared/common/db/index.js';
import { createPublisher } from '../shared/common/pubsub/index.js';
import type { Logger } from '../shared/common/log.js';
import { sweep } from '../workers/relay/sweep.js';

export function startOutboxSweep(
  databaseUrl: string,
  project: string,
  emulatorHost: string,
  log: Logger,
  everyMs = 2000,
) {
  const deps = {
    sql: createPool(
      { url: databaseUrl, poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 30_000 },
      'ekklesia-relay',
    ),
    publisher: createPublisher(project, emulatorHost),
    log,
  };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweep(deps).catch((err: unknown) => log.warn({ err }, 'outbox sweep failed; next run retries'));
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
    await deps.publisher.close();
    await deps.sql.end({ timeout: 2 });
  };
}
