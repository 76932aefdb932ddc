/**
 * The elections function wired from its config: the pool, its gate, the
 * definitions cache and, when a Pub/Sub project is set, the per-minute
 * request reports to the metering topic (loaded only then: the ballot path
 * never needs the Pub/Sub client). Nothing happens at import; the entry
 * point, the local stack and the test harness (with hooks) call it.
 */
import { loadElectionsConfig, type ElectionsConfig } from '../../shared/common/config/index.js';
import { createLogger } from '../../shared/common/log.js';
import { startTracing } from '../../shared/common/trace/tracing.js';
import { followSampling } from '../../shared/common/trace/samplingRatio.js';
import { createPool, Gate } from '../../shared/common/db/index.js';
import { RequestCounter, type HttpDeployable, type WiringHooks } from '../../shared/common/http/index.js';
import type { Publisher } from '../../shared/common/pubsub/index.js';
import { createElectionsApp } from './app.js';
import { createDefinitionCache } from './definitionCache.js';
import { createFallback } from './queue/fallback.js';
import type { ElectionsDeps } from './deps.js';

/** How often each instance reports its API requests per org. */
const reportEveryMs = 60_000;

export function wireElections(
  config: ElectionsConfig = loadElectionsConfig(),
  hooks: WiringHooks = {},
): HttpDeployable & { deps: ElectionsDeps } {
  const tracing = startTracing(config.log.trace);
  const log = createLogger(config.log, 'elections', hooks.logSink);
  const sql = hooks.sql ?? createPool(config.db, 'ekklesia-elections');
  const gate = new Gate(
    config.db.poolMax * config.db.pipelineDepth,
    config.db.acquireTimeoutMs,
    config.db.workTimeoutMs,
  );
  const stopSampling = followSampling(tracing, sql, log);
  const project = config.pubsubProject;
  const requests = project
    ? new RequestCounter(undefined, (report) =>
        log.error({ orgId: report.orgId, apiRequests: report.apiRequests }, 'usage report dropped: too many waiting'),
      )
    : undefined;
  let publisher: Promise<Publisher> | undefined;
  const stopReporting = requests?.every(
    reportEveryMs,
    async (report) => {
      publisher ??= import('../../shared/common/pubsub/index.js').then((p) => p.createPublisher(project!));
      const { publishUsage } = await import('./usageReports.js');
      await publishUsage(await publisher, report);
    },
    (err, report) =>
      log.warn({ err, orgId: report.orgId, apiRequests: report.apiRequests }, 'usage report failed; kept for the next'),
  );
  // The Cloud Tasks fallback (BALLOT_MODE auto or queue).
  const queue = createFallback(config, sql, gate);
  const deps: ElectionsDeps = {
    config,
    log,
    sql,
    gate,
    definitions: createDefinitionCache(sql, gate),
    nowSeconds: () => Math.floor(Date.now() / 1000),
    requests,
    queue,
  };
  return {
    app: createElectionsApp(deps),
    deps,
    port: config.port,
    log,
    stop: async () => {
      stopSampling();
      await stopReporting?.();
      await (await publisher)?.close();
      await queue?.ballots.close();
      if (!hooks.sql) await sql.end({ timeout: 2 });
    },
  };
}
