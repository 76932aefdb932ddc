import { loadRelayConfig, type RelayConfig } from '../../shared/common/config.js';
import { createLogger } from '../../shared/common/log.js';
import { createPool } from '../../shared/common/db/index.js';
import { createPublisher } from '../../shared/common/pubsub/index.js';
import type { SweepDeps } from './sweep.js';

export function relayDeps(config: RelayConfig = loadRelayConfig()): SweepDeps {
  return {
    sql: createPool(config.db, 'ekklesia-relay'),
    publisher: createPublisher(config.pubsubProject),
    log: createLogger(config.log, 'relay'),
  };
}
