/** Feeding workers as Pub/Sub push would, with a pool logged in as the worker role. */
import { createLogger } from '../../shared/common/log.js';
import { createPool, type Sql } from '../../shared/common/db/index.js';
import type { ConsumeDeps } from '../../shared/registry/consume.js';
import type { EventEnvelope } from '../../schemas/domainEvents.js';
import type { TestDb } from './db.js';
import type { Harness } from './harness.js';
import { createBallotBox } from '../../shared/registry/ballotBox.js';
import type { ScheduleDeps } from '../../workers/lifecycle/scheduled.js';

export function workerDeps(db: TestDb, role = 'ekklesia_worker'): ConsumeDeps & { sql: Sql } {
  const sql = createPool(
    { url: db.url(role), poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 10_000 },
    `test-${role}`,
  );
  return { sql, log: createLogger({ level: 'silent', project: undefined }, 'test'), maxAttempts: 3 };
}

/** The body of a Pub/Sub push delivery carrying `envelope`. */
export function push(envelope: EventEnvelope) {
  return {
    message: {
      data: Buffer.from(JSON.stringify(envelope)).toString('base64'),
      attributes: { eventId: envelope.id },
      messageId: '1',
    },
    subscription: 'projects/test/subscriptions/worker',
  };
}

/**
 * A worker's settings on the harness's database, with who may call it: the service account whose OIDC token
 * (signed by the harness's identity provider) it accepts for `audience`.
 */
export function workerSettings(
  h: { db: TestDb; issuer: string },
  invoker: { role?: string; audience: string; serviceAccount: string },
): Record<string, string> {
  return {
    DATABASE_URL: h.db.url(invoker.role ?? 'ekklesia_worker'),
    LOG_LEVEL: 'silent',
    INVOKER_AUDIENCE: invoker.audience,
    INVOKER_SERVICE_ACCOUNT: invoker.serviceAccount,
    INVOKER_ISSUER: h.issuer,
    INVOKER_JWKS_URL: `${h.issuer}/.well-known/jwks.json`,
  };
}

/** The lifecycle worker's scheduled steps' dependencies on the harness: its worker pool, and the registry's side. */
export function scheduleDeps(h: Harness, worker: { sql: Sql }): ScheduleDeps {
  return {
    worker: worker.sql,
    registry: h.db.registry,
    ballotBox: createBallotBox(h.ballotBoxConfig),
    electionKeys: h.electionKeys,
    log: createLogger({ level: 'silent', project: undefined }, 'test'),
  };
}
