import type { Logger } from '../shared/common/log.js';
import type { Stop } from '../shared/common/shutdown.js';
import type { InvokerConfig } from '../shared/common/config/index.js';

/**
 * A Pub/Sub worker wired from its config: what a push delivery is handed to,
 * who may push (`invoker`), and how to stop cleanly.
 */
export type WorkerDeployable = {
  handle: (data: unknown) => Promise<void>;
  invoker: InvokerConfig;
  log: Logger;
  stop: Stop;
};
