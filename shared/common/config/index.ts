/**
 * The deployables' settings, read here and nowhere else (functions-framework's
 * src/options.ts: each option's variable, default and validator in one place,
 * the environment a parameter): the shared blocks, each deployable's schema
 * and loader, the queue's settings and the deploy package's. The local
 * stack's and the tools' settings live beside them, in local/config.ts.
 */
export { ConfigError, intSetting, logLevel, parseSettings, required, urlSetting, type Env } from './parse.js';
export type { DbConfig, LogConfig, S2SClientConfig, KmsConfig, InvokerConfig } from './blocks.js';
export { ballotQueue, type BallotMode, type BallotQueueSettings } from './ballotQueue.js';
export {
  loadEventsConfig,
  loadElectionsConfig,
  loadWorkerConfig,
  loadRelayConfig,
  loadLifecycleConfig,
  settingsSchemas,
  settingsLoaders,
  type EventsConfig,
  type ElectionsConfig,
  type WorkerConfig,
  type RelayConfig,
  type LifecycleConfig,
  type LifecyclePolicy,
} from './deployables.js';
export {
  loadMigrateJobConfig,
  loadFunctionTarget,
  loginRoles,
  migrateJobSchema,
  type LoginRole,
  type MigrateJobConfig,
} from './deploy.js';
