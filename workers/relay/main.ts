import { loadRelayConfig, type RelayConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/log.js';
import { createPool } from '../../shared/db/index.js';
import { createPublisher } from '../../shared/events/index.js';
import type { SweepDeps } from './sweep.js';

export function relayDeps(config: RelayConfig = loadRelayConfig()): SweepDeps {
  return {
    sql: createPool(config.db, 'ekklesia-relay'),
    publisher: createPublisher(config.pubsubProject),
    log: createLogger(config.log, 'relay'),
  };
}
