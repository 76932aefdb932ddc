/**
 * The events function wired from its config: the pool, the logger, the
 * identity verifier, the ballot box's S2S client, the publisher and the
 * per-minute request reports. Nothing happens at import; the entry point
 * (index.ts) and the local stack call `wireEvents`.
 */
import { loadEventsConfig, type EventsConfig } from '../../shared/common/config.js';
import { createLogger } from '../../shared/common/log.js';
import { createPool } from '../../shared/common/db/index.js';
import { createIdentityVerifier } from '../../shared/common/auth/index.js';
import { createPublisher } from '../../shared/common/pubsub/index.js';
import { RequestCounter, type HttpDeployable } from '../../shared/common/http/index.js';
import { createBallotBox } from '../../shared/registry/ballotBox.js';
import { createElectionKeys } from '../../shared/registry/electionKeys.js';
import { coalesceRelays, recordUsage, relayAll } from '../../shared/registry/outbox/index.js';
import { createEventsApp } from './app.js';

/** How often each instance reports its API requests per org. */
const reportEveryMs = 60_000;

export function wireEvents(config: EventsConfig = loadEventsConfig()): HttpDeployable {
  const log = createLogger(config.log, 'events');
  const sql = createPool(config.db, 'ekklesia-events');
  const publisher = config.pubsubProject ? createPublisher(config.pubsubProject) : undefined;
  const afterCommit = publisher
    ? coalesceRelays(
        (orgId) => relayAll(sql, publisher, { orgId }),
        (err, orgId) => log.warn({ err, org_id: orgId }, 'outbox publish failed; the sweep will retry'),
      )
    : undefined;
  const requests = new RequestCounter();
  const stopReporting = requests.every(
    reportEveryMs,
    (report) => recordUsage(sql, report),
    (err, report) =>
      log.warn(
        { err, org_id: report.orgId, apiRequests: report.apiRequests },
        'usage report failed; kept for the next',
      ),
  );
  const app = createEventsApp({
    config,
    log,
    sql,
    verifyIdentity: createIdentityVerifier(config.jwt),
    ballotBox: createBallotBox(config.ballotBox),
    electionKeys: createElectionKeys(config.kms),
    afterCommit,
    requests,
  });
  return {
    app,
    port: config.port,
    log,
    // The last minute's request counts reach the outbox before the pool closes.
    stop: async () => {
      await stopReporting();
      await afterCommit?.settled();
      await publisher?.close();
      await sql.end({ timeout: 2 });
    },
  };
}
