import { loadElectionsConfig, type ElectionsConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/log.js';
import { createPool } from '../../shared/db/index.js';
import { createElectionsApp } from './app.js';
import type { ElectionsDeps } from './deps.js';

export function electionsDeps(config: ElectionsConfig = loadElectionsConfig()): ElectionsDeps {
  return { config, log: createLogger(config.log, 'elections'), sql: createPool(config.db, 'ekklesia-elections') };
}

export function startElections(deps: ElectionsDeps = electionsDeps()) {
  return { deps, app: createElectionsApp(deps) };
}
