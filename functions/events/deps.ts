import type { EventsConfig } from '../../shared/config.js';
import type { Logger } from '../../shared/log.js';
import type { Sql } from '../../shared/db/index.js';
import type { VerifyIdentity } from '../../shared/auth/index.js';
import type { BallotBox } from '../../shared/s2s/ballotBox.js';
import type { Publisher } from '../../shared/events/index.js';
import type { RequestCounter } from '../../shared/http/index.js';

/** What the events function's routes are given: nothing reaches for globals. */
export type EventsDeps = {
  config: EventsConfig;
  log: Logger;
  sql: Sql;
  verifyIdentity: VerifyIdentity;
  /** The elections function, over S2S. */
  ballotBox: BallotBox;
  /** Publishes the outbox right after a change commits; the scheduled sweep catches what this misses. */
  publisher?: Publisher | undefined;
  /** API requests per org, reported to metering every minute. */
  requests?: RequestCounter | undefined;
};
