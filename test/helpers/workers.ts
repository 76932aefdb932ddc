/** Feeding workers as Pub/Sub push would, with a pool logged in as the worker role. */
import { createLogger } from '../../shared/common/log.js';
import { createPool, type Sql } from '../../shared/common/db/index.js';
import type { ConsumeDeps } from '../../shared/registry/consume.js';
import type { EventEnvelope } from '../../schemas/domainEvents.js';
import type { TestDb } from './db.js';

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
