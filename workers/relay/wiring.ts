/** The outbox sweep wired from its config: the relay's role, a publisher and a logger. Nothing happens at import. */
import { loadRelayConfig, type InvokerConfig, type RelayConfig } from '../../shared/common/config/index.js';
import { createLogger } from '../../shared/common/log.js';
import { startTracing } from '../../shared/common/trace/tracing.js';
import { createPool } from '../../shared/common/db/index.js';
import { createPublisher } from '../../shared/common/pubsub/index.js';
import type { Logger } from '../../shared/common/log.js';
import type { Stop } from '../../shared/common/shutdown.js';
import { sweep } from './sweep.js';

export type RelayDeployable = { sweep: () => Promise<number>; invoker: InvokerConfig; log: Logger; stop: Stop };

/** `pubsubEndpoint`: the emulator's host:port, for the local stack (the deploy reads none). */
export function wireRelay(config: RelayConfig = loadRelayConfig(), pubsubEndpoint?: string): RelayDeployable {
  startTracing(config.log.trace);
  const log = createLogger(config.log, 'relay');
  const sql = createPool(config.db, 'ekklesia-relay');
  const publisher = createPublisher(config.pubsubProject, pubsubEndpoint);
  return {
    log,
    invoker: config.invoker,
    sweep: () => sweep({ sql, publisher, log }),
    stop: async () => {
      await publisher.close();
      await sql.end({ timeout: 2 });
    },
  };
}
