/**
 * The lifecycle worker wired from its config. Two kinds of message arrive on
 * its topic: the registry's meeting events (they become plans) and Cloud
 * Scheduler's ticks, published with the attribute kind=tick. Each tick opens
 * and closes the elections whose schedule has come (scheduled.ts) and
 * resizes capacity for the meetings (tick.ts). Once an election's seal has
 * been applied, the ballot tables are vacuumed (vacuum.ts), when the
 * maintenance role is configured. Nothing happens at import.
 */
import { loadLifecycleConfig, type LifecycleConfig } from '../../shared/common/config/index.js';
import { createLogger } from '../../shared/common/log.js';
import { startTracing } from '../../shared/common/trace/tracing.js';
import { createPool } from '../../shared/common/db/index.js';
import { createCapacity } from '../../shared/common/gcp/capacity.js';
import { loggedCapacity } from '../../shared/common/gcp/loggedCapacity.js';
import { applicationDefaultToken } from '../../shared/common/gcp/accessToken.js';
import { consume, decodePush } from '../../shared/registry/consume.js';
import { vacuumBallotTables } from './vacuum.js';
import { createBallotBox } from '../../shared/registry/ballotBox.js';
import { createElectionKeys } from '../../shared/registry/electionKeys.js';
import { maxDeliveryAttempts } from '../consumer.js';
import type { WorkerDeployable } from '../deployable.js';
import { lifecycleWorker } from './handle.js';
import { tick } from './tick.js';
import { closeDue, finishUnfinished, forgetUnrecorded, keepRegistrations, openDue } from './scheduled.js';

type Push = { message?: { attributes?: Record<string, string>; publishTime?: string } };

export function wireLifecycle(
  config: LifecycleConfig = loadLifecycleConfig(),
  clock: () => Date = () => new Date(),
): WorkerDeployable {
  startTracing(config.log.trace);
  const log = createLogger(config.log, 'lifecycle');
  const sql = createPool(config.db, 'ekklesia-lifecycle');
  const registry = createPool(config.registryDb, 'ekklesia-lifecycle-registry');
  const maintenance = config.maintenanceDb && createPool(config.maintenanceDb, 'ekklesia-lifecycle-maintenance');
  const capacity =
    config.capacity === 'log' ? loggedCapacity(log) : createCapacity(config.targets, applicationDefaultToken());
  const schedule = {
    worker: sql,
    registry,
    ballotBox: createBallotBox(config.ballotBox),
    electionKeys: createElectionKeys(config.kms),
    log,
  };
  return {
    log,
    invoker: config.invoker,
    handle: async (data) => {
      const message = (data as Push | undefined)?.message;
      if (message?.attributes?.kind !== 'tick') {
        const outcome = await consume({ sql, log, maxAttempts: maxDeliveryAttempts }, lifecycleWorker, data);
        const event = decodePush(data);
        if (outcome === 'applied' && maintenance && typeof event !== 'string' && event.type === 'election.sealed') {
          // Once per seal; if it fails, autovacuum (set to act on the first dead row) still comes by.
          await vacuumBallotTables(maintenance).catch((err: unknown) =>
            log.warn({ err }, 'vacuuming the ballot tables after a seal failed; autovacuum will'),
          );
        }
        return;
      }
      // The server's clock, never the message's: a tick cannot bring a closing forward.
      const now = clock();
      await finishUnfinished(schedule, now);
      await openDue(schedule, now);
      await closeDue(schedule, now);
      await keepRegistrations(schedule);
      await forgetUnrecorded(schedule, now);
      await tick({ sql, capacity, policy: config.policy, log }, now);
    },
    stop: async () => {
      await sql.end({ timeout: 2 });
      await registry.end({ timeout: 2 });
      await maintenance?.end({ timeout: 2 });
    },
  };
}
