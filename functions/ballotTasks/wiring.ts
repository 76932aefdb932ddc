/** The ballot task handler wired from its config (the ballot box's role, who may call it). Nothing happens at import. */
import { loadWorkerConfig, type WorkerConfig } from '../../shared/common/config/index.js';
import { createLogger } from '../../shared/common/log.js';
import { startTracing } from '../../shared/common/trace/tracing.js';
import { createPool } from '../../shared/common/db/index.js';
import { createInvokerVerifier } from '../../shared/common/auth/index.js';
import type { HttpDeployable } from '../../shared/common/http/index.js';
import { createBallotTaskApp } from './app.js';

export function wireBallotTasks(config: WorkerConfig = loadWorkerConfig()): HttpDeployable {
  startTracing(config.log.trace);
  const log = createLogger(config.log, 'ballot-tasks');
  const sql = createPool(config.db, 'ekklesia-ballot-tasks');
  const app = createBallotTaskApp({ sql, log, verifyInvoker: createInvokerVerifier(config.invoker) });
  return {
    app,
    port: 8083,
    log,
    stop: async () => {
      await sql.end({ timeout: 2 });
    },
  };
}
