import type { DestinationStream } from 'pino';
import type { Sql } from '../db/index.js';

/**
 * What a caller other than the deployable's own entry may change in its
 * wiring (the test harness, tools), so that they all run the production
 * composition: where its log lines go, the pool it uses (a test's database),
 * and a wrapper around each network client it makes (the harness refuses a
 * call made inside a database transaction). Production passes none.
 */
export type WiringHooks = {
  logSink?: DestinationStream;
  /** Used instead of a pool made from the config; the deployable does not end it when it stops. */
  sql?: Sql;
  wrap?: <T extends object>(name: string, client: T) => T;
};
