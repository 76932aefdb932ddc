/** Cold start of the elections function: config once, then the pool, its gate and the definitions cache. */
import { loadElectionsConfig, type ElectionsConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/log.js';
import { createPool, Gate } from '../../shared/db/index.js';
import { RequestCounter } from '../../shared/http/index.js';
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
  const project = deps.config.pubsubProject;
  if (!project) return { deps, app: createElectionsApp(deps), stopReporting: async () => {} };
  // The ballot side reports its API requests straight to the metering topic
  // (it cannot reach the registry's outbox); loaded only when configured.
  const requests = new RequestCounter();
  const publisher = import('../../shared/events/index.js').then((events) => ({
    events,
    publisher: events.createPublisher(project),
  }));
  const stopReporting = requests.every(60_000, async (counts) => {
    const { events, publisher: p } = await publisher;
    await events.publishUsage(p, counts);
  });
  return { deps, app: createElectionsApp({ ...deps, requests }), stopReporting };
}
