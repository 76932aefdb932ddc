/** Cold start of the elections function: config once, then the pool, its gate and the definitions cache. */
import { loadElectionsConfig, type ElectionsConfig } from '../../shared/common/config.js';
import { createLogger } from '../../shared/common/log.js';
import { createPool, Gate } from '../../shared/common/db/index.js';
import { RequestCounter } from '../../shared/common/http/index.js';
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
  const reporting = Promise.all([import('../../shared/common/pubsub/index.js'), import('./usageReports.js')]).then(
    ([pubsub, reports]) => ({ publisher: pubsub.createPublisher(project), publishUsage: reports.publishUsage }),
  );
  const stopReporting = requests.every(60_000, async (counts) => {
    const { publisher, publishUsage } = await reporting;
    await publishUsage(publisher, counts);
  });
  return { deps, app: createElectionsApp({ ...deps, requests }), stopReporting };
}
