import type { Logger } from '../shared/common/log.js';
import type { Stop } from '../shared/common/shutdown.js';

/** A Pub/Sub worker wired from its config: what a push delivery is handed to, and how to stop cleanly. */
export type WorkerDeployable = { handle: (data: unknown) => Promise<void>; log: Logger; stop: Stop };
