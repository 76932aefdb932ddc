import type { EventsConfig } from '../../shared/common/config/index.js';
import type { Logger } from '../../shared/common/log.js';
import type { Sql } from '../../shared/common/db/index.js';
import type { VerifyIdentity } from '../../shared/common/auth/index.js';
import type { BallotBox } from '../../shared/registry/ballotBox.js';
import type { ElectionKeys } from '../../shared/registry/electionKeys.js';
import type { AfterCommitRelay } from '../../shared/registry/outbox/index.js';
import type { RequestCounter } from '../../shared/common/http/index.js';
import type { MemberViews } from './memberViews.js';

/** What the events function's routes are given: nothing reaches for globals. */
export type EventsDeps = {
  config: EventsConfig;
  log: Logger;
  sql: Sql;
  verifyIdentity: VerifyIdentity;
  /** The elections function, over S2S. */
  ballotBox: BallotBox;
  /** The elections' token secrets, wrapped in KMS. */
  electionKeys: ElectionKeys;
  /** Publishes the org's outbox right after a change commits, coalesced; the scheduled sweep catches what this misses. */
  afterCommit?: AfterCommitRelay | undefined;
  /** What member pages poll, kept per instance (memberViews.ts). */
  views: MemberViews;
  /** API requests per org, reported to metering every minute. */
  requests?: RequestCounter | undefined;
};
