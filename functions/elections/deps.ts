import type { ElectionsConfig } from '../../shared/common/config/index.js';
import type { Logger } from '../../shared/common/log.js';
import type { Gate, Sql } from '../../shared/common/db/index.js';
import type { DefinitionCache } from './definitionCache.js';
import type { RequestCounter } from '../../shared/common/http/index.js';
import type { Fallback } from './queue/fallback.js';

/** What the elections function's routes are given: nothing reaches for globals. */
export type ElectionsDeps = {
  config: ElectionsConfig;
  log: Logger;
  sql: Sql;
  /** Fast-fail access to the pool for voter-facing work. */
  gate: Gate;
  definitions: DefinitionCache;
  nowSeconds: () => number;
  /** API requests per org, reported to metering every minute. */
  requests?: RequestCounter | undefined;
  /** The Cloud Tasks fallback, unless the ballot mode is sync; with what it needs to know an election is open. */
  queue?: Fallback | undefined;
};
