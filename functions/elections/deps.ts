import type { ElectionsConfig } from '../../shared/config.js';
import type { Logger } from '../../shared/log.js';
import type { Sql } from '../../shared/db/index.js';

export type ElectionsDeps = { config: ElectionsConfig; log: Logger; sql: Sql };
