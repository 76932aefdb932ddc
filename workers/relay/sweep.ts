/**
 * The scheduled outbox sweep (Cloud Scheduler → this target; a timer in the
 * local stack): publishes whatever the after-commit publish missed, for every
 * org, as the relay role.
 */
import type { Logger } from '../../shared/common/log.js';
import type { Sql } from '../../shared/common/db/index.js';
import type { Publisher } from '../../shared/common/pubsub/index.js';
import { relayAll } from '../../shared/registry/outbox/index.js';

export type SweepDeps = { sql: Sql; publisher: Publisher; log: Logger };

export async function sweep(deps: SweepDeps): Promise<number> {
  const published = await relayAll(deps.sql, deps.publisher);
  if (published > 0) deps.log.info({ published }, 'outbox sweep published events');
  return published;
}
