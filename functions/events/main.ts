/**
 * Cold start of the events function: configuration parsed once, then the
 * pool, the logger and the identity verifier built from it.
 */
import { loadEventsConfig, type EventsConfig } from '../../shared/common/config.js';
import { createLogger } from '../../shared/common/log.js';
import { createPool } from '../../shared/common/db/index.js';
import { createIdentityVerifier } from '../../shared/common/auth/index.js';
import { createEventsApp } from './app.js';
import { createBallotBox } from '../../shared/registry/ballotBox.js';
import { Breaker, createS2SClient } from '../../shared/common/s2s/index.js';
import { createPublisher } from '../../shared/common/pubsub/index.js';
import { recordUsage } from '../../shared/registry/outbox/index.js';
import { RequestCounter } from '../../shared/common/http/index.js';
import type { EventsDeps } from './deps.js';

export function eventsDeps(config: EventsConfig = loadEventsConfig()): EventsDeps {
  return {
    config,
    log: createLogger(config.log, 'events'),
    sql: createPool(config.db, 'ekklesia-events'),
    verifyIdentity: createIdentityVerifier(config.jwt),
    ballotBox: createBallotBox(
      createS2SClient({
        baseUrl: config.elections.url,
        keys: config.elections.keys,
        signingKeyId: config.elections.signingKeyId,
        timeoutMs: config.elections.timeoutMs,
        retries: config.elections.retries,
        breaker: new Breaker(5, 2000),
      }),
    ),
    publisher: config.pubsubProject ? createPublisher(config.pubsubProject) : undefined,
  };
}

export function startEvents(deps: EventsDeps = eventsDeps()) {
  const requests = new RequestCounter();
  const stopReporting = requests.every(60_000, (counts) => recordUsage(deps.sql, counts));
  return { deps, app: createEventsApp({ ...deps, requests }), stopReporting };
}
