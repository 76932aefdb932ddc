/**
 * The typed configuration each deployable's loader in config.ts returns:
 * what the wiring and the code below it are given, never the environment.
 */
import type { MasterKeys } from './s2s/keys.js';
import type { BallotMode, BallotQueueSettings } from './ballotQueueSettings.js';

export type DbConfig = {
  url: string;
  poolMax: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  /** How long a request waits for one database call (client side: a server that stopped answering). */
  callTimeoutMs?: number;
};
export type LogConfig = { level: string; project: string | undefined };
export type S2SClientConfig = {
  url: string;
  keys: MasterKeys;
  signingKeyId: string;
  timeoutMs: number;
  retries: number;
  sealTimeoutMs: number;
  breaker: { failures: number; openMs: number };
};

export type KmsConfig = { key: string; endpoint: string | undefined };

export type EventsConfig = {
  port: number;
  db: DbConfig;
  log: LogConfig;
  jwt: { issuer: string; audience: string; jwksUrl: string };
  operatorKey: string;
  ballotBox: S2SClientConfig;
  kms: KmsConfig;
  pubsubProject: string | undefined;
  webApp: { dir: string; clientId: string; resource: string | undefined } | undefined;
};
export type ElectionsConfig = {
  port: number;
  /** `workTimeoutMs`: the gate's deadline for each public request's database call (S2S calls have their signed one). */
  db: DbConfig & { acquireTimeoutMs: number; pipelineDepth: number; workTimeoutMs: number };
  log: LogConfig;
  s2s: { keys: MasterKeys; replayWindowSeconds: number };
  accessLog: 'all' | 'failures';
  /** Browser origins allowed to call the voter API (CORS). */
  corsOrigins: string[];
  pubsubProject: string | undefined;
  ballotMode: BallotMode;
  /** Set unless the mode is sync. */
  queue: BallotQueueSettings | undefined;
};
export type InvokerConfig = { audience: string; serviceAccount: string; issuer: string; jwksUrl: string };
export type WorkerConfig = { db: DbConfig; log: LogConfig; invoker: InvokerConfig };
export type RelayConfig = WorkerConfig & { pubsubProject: string };
export type LifecyclePolicy = {
  leadMinutes: number;
  /** How long a meeting without an end time is taken to last. */
  defaultHours: number;
  warmMinInstances: number;
  baseMinInstances: number;
  /** Expected attendance above which the database is moved to the warm tier. */
  tierThreshold: number;
  warmTier: string;
  baseTier: string;
};
export type LifecycleConfig = WorkerConfig & {
  policy: LifecyclePolicy;
  /** `google`: the Cloud Run and SQL Admin APIs; `log`: only log what would be asked (the local stack). */
  capacity: 'google' | 'log';
  targets: { project: string; region: string; service: string; sqlInstance: string };
  /** The registry's role, for scheduled opening and closing. */
  registryDb: DbConfig;
  /** The ballot tables' owner, to VACUUM them after a seal (optional). */
  maintenanceDb: DbConfig | undefined;
  ballotBox: S2SClientConfig;
  kms: KmsConfig;
};
