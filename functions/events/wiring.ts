/**
 * The events function wired from its config: the pool, the logger, the
 * identity verifier, the ballot box's S2S client, the publisher and the
 * per-minute request reports. Nothing happens at import; the entry point
 * (index.ts), the local stack and the test harness call `wireEvents` (the
 * harness with hooks: its log sink, its pool, its wrappers).
 */
import { loadEventsConfig, type EventsConfig } from '../../shared/common/config/index.js';
import { createLogger } from '../../shared/common/log.js';
import { startTracing } from '../../shared/common/trace/tracing.js';
import { followSampling } from '../../shared/common/trace/samplingRatio.js';
import { createPool } from '../../shared/common/db/index.js';
import { createIdentityVerifier } from '../../shared/common/auth/index.js';
import { createPublisher } from '../../shared/common/pubsub/index.js';
import { RequestCounter, type HttpDeployable, type WiringHooks } from '../../shared/common/http/index.js';
import { createBallotBox } from '../../shared/registry/ballotBox.js';
import { createElectionKeys } from '../../shared/registry/electionKeys.js';
import { coalesceRelays, recordUsage, relayAll, type AfterCommitRelay } from '../../shared/registry/outbox/index.js';
import { createEventsApp } from './app.js';
import { createMemberViews } from './memberViews.js';
import type { EventsDeps } from './deps.js';

/** How often each instance reports its API requests per org. */
const reportEveryMs = 60_000;

export function wireEvents(
  config: EventsConfig = loadEventsConfig(),
  hooks: WiringHooks & { afterCommit?: AfterCommitRelay } = {},
): HttpDeployable & { deps: EventsDeps } {
  const tracing = startTracing(config.log.trace);
  const log = createLogger(config.log, 'events', hooks.logSink);
  const sql = hooks.sql ?? createPool(config.db, 'ekklesia-events');
  const wrap = hooks.wrap ?? (<T>(_name: string, client: T) => client);
  const publisher = config.pubsubProject ? createPublisher(config.pubsubProject) : undefined;
  const afterCommit =
    hooks.afterCommit ??
    (publisher
      ? coalesceRelays(
          (orgId) => relayAll(sql, publisher, { orgId }),
          (err, orgId) => log.warn({ err, orgId }, 'outbox publish failed; the sweep will retry'),
        )
      : undefined);
  const stopSampling = followSampling(tracing, sql, log);
  const requests = new RequestCounter();
  const stopReporting = requests.every(
    reportEveryMs,
    (report) => recordUsage(sql, report),
    (err, report) =>
      log.warn({ err, orgId: report.orgId, apiRequests: report.apiRequests }, 'usage report failed; kept for the next'),
  );
  const deps: EventsDeps = {
    config,
    log,
    sql,
    verifyIdentity: createIdentityVerifier(config.jwt),
    ballotBox: wrap('ballotBox', createBallotBox(config.ballotBox)),
    electionKeys: wrap('electionKeys', createElectionKeys(config.kms)),
    afterCommit,
    requests,
    views: createMemberViews(sql),
  };
  return {
    app: createEventsApp(deps),
    deps,
    port: config.port,
    log,
    // The last minute's request counts reach the outbox before the pool closes.
    stop: async () => {
      stopSampling();
      await stopReporting();
      await afterCommit?.settled();
      await publisher?.close();
      if (!hooks.sql) await sql.end({ timeout: 2 });
    },
  };
}
