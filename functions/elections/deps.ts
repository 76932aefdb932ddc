import type { ElectionsConfig } from '../../shared/config.js';
import type { Logger } from '../../shared/log.js';
import type { Gate, Sql } from '../../shared/db/index.js';
import type { Definitions } from './definitions.js';
import type { RequestCounter } from '../../shared/http/index.js';

/** What the elections function's routes are given: nothing reaches for globals. */
export type ElectionsDeps = {
  config: ElectionsConfig;
  log: Logger;
  sql: Sql;
  /** Fast-fail access to the pool for voter-facing work. */
  gate: Gate;
  definitions: Definitions;
  nowSeconds: () => number;
  /** API requests per org, reported to metering every minute. */
  requests?: RequestCounter | undefined;
};
