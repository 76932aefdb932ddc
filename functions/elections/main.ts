/** Cold start of the elections function: config once, then the pool, its gate and the definitions cache. */
import { loadElectionsConfig, type ElectionsConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/log.js';
import { createPool, Gate } from '../../shared/db/index.js';
import { createElectionsApp } from './app.js';
import { createDefinitions } from './definitions.js';
import type { ElectionsDeps } from './deps.js';

export function electionsDeps(config: ElectionsConfig = loadElectionsConfig()): ElectionsDeps {
  const sql = createPool(config.db, 'ekklesia-elections');
  const gate = new Gate(config.db.poolMax * config.db.pipelineDepth, config.db.acquireTimeoutMs);
  return {
    config,
    log: createLogger(config.log, 'elections'),
    sql,
    gate,
    definitions: createDefinitions(sql, gate),
    nowSeconds: () => Math.floor(Date.now() / 1000),
  };
}

export function startElections(deps: ElectionsDeps = electionsDeps()) {
  return { deps, app: createElectionsApp(deps) };
}
