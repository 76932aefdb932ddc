/**
 * The deployables' settings are read here and nowhere else: a valibot schema
 * over the environment per deployable, parsed once at cold start into a typed
 * object that is passed down. A missing or malformed setting stops start-up
 * with its name. Settings two deployables share (database, logging, the S2S
 * client) are one block each. The local stack's and the tools' settings live
 * beside them, in local/config.ts.
 */
import * as v from 'valibot';
import { parseMasterKeys, type MasterKeys } from './s2s/keys.js';
import { ConfigError, intSetting, logLevel, parseSettings, required, urlSetting, type Env } from './settings.js';
import { ballotQueue, ballotQueueSettings, type BallotMode, type BallotQueueSettings } from './ballotQueueSettings.js';

export type { BallotMode, BallotQueueSettings };

export { ConfigError };

const s2sKeys = v.pipe(
  v.string('is required'),
  v.check((s) => {
    try {
      parseMasterKeys(s);
      return true;
    } catch {
      return false;
    }
  }, 'must be "id:secret[,id2:secret]", one or two keys, base64url secrets of at least 32 bytes'),
  v.transform(parseMasterKeys),
);

/** The database and logging settings of every deployable; the pool size differs per deployable. */
const database = (poolMax: number) => ({
  DATABASE_URL: urlSetting(['postgres:', 'postgresql:']),
  DB_POOL_MAX: intSetting(poolMax, 1, 100),
  DB_CONNECT_TIMEOUT_MS: intSetting(2000, 50, 60_000),
  DB_STATEMENT_TIMEOUT_MS: intSetting(5000, 100, 600_000),
});
const logging = { LOG_LEVEL: logLevel, GOOGLE_CLOUD_PROJECT: v.optional(v.string()) };

/** The registry side's client of the ballot box's S2S API (the events function, the lifecycle worker). */
const s2sClient = {
  ELECTIONS_URL: urlSetting(['http:', 'https:']),
  S2S_KEYS: s2sKeys,
  S2S_SIGNING_KEY_ID: v.optional(v.string()),
  /** Per attempt; retries on network errors, 5xx and 429 only. */
  S2S_TIMEOUT_MS: intSetting(1200, 10, 60_000),
  S2S_RETRIES: intSetting(2, 0, 10),
  /** Sealing waits for the ballots in flight and rewrites them all: longer than one ordinary call. */
  S2S_SEAL_TIMEOUT_MS: intSetting(30_000, 100, 300_000),
  /** The breaker opens after this many consecutive failures… */
  S2S_BREAKER_FAILURES: intSetting(5, 1, 100),
  /** …and fails calls at once for this long before a trial call. */
  S2S_BREAKER_OPEN_MS: intSetting(2000, 10, 600_000),
};

/** Cloud KMS, where each election's token secret is wrapped (the registry side: events function, lifecycle worker). */
const kms = {
  /** The CryptoKey under which each election gets a key version: projects/P/locations/L/keyRings/R/cryptoKeys/K. */
  KMS_KEY: v.pipe(
    v.string('is required'),
    v.regex(/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/, 'must name a CryptoKey'),
  ),
  /** A KMS stand-in to talk to over REST (the local stack); unset: Cloud KMS. */
  KMS_ENDPOINT: v.optional(urlSetting(['http:', 'https:'])),
};

/** How long a request waits for one database call before 503 unavailable (a server that stopped answering). */
const callTimeout = (ms: number) => ({ DB_CALL_TIMEOUT_MS: intSetting(ms, 10, 600_000) });

const eventsSchema = v.object({
  ...database(5),
  ...callTimeout(2000),
  ...logging,
  ...s2sClient,
  ...kms,
  PORT: intSetting(8081, 1, 65535),
  JWT_ISSUER: required,
  JWT_AUDIENCE: required,
  JWKS_URL: urlSetting(['http:', 'https:']),
  OPERATOR_KEY: v.pipe(v.string('is required'), v.minLength(32, 'must be at least 32 characters')),
  /** When set, events are published to Pub/Sub in this project right after each change commits. */
  PUBSUB_PROJECT: v.optional(v.string()),
  /** The web app's built files (npm run build: dist/web), served under /app/; unset: no app. */
  WEB_APP_DIR: v.optional(v.string()),
  /** The app's OpenID client id at the issuer, and the resource indicator it asks tokens for (if the issuer takes one). */
  WEB_CLIENT_ID: v.optional(v.string(), 'ekklesia-web'),
  WEB_RESOURCE: v.optional(v.string()),
});

const electionsSchema = v.object({
  ...database(4),
  ...callTimeout(800),
  ...logging,
  PORT: intSetting(8082, 1, 65535),
  /** How long a ballot may wait for a pooled connection before 503 overloaded. */
  DB_ACQUIRE_TIMEOUT_MS: intSetting(250, 1, 60_000),
  /** Statements in flight per connection: casts are single statements, so each connection pipelines several. */
  DB_PIPELINE_DEPTH: intSetting(8, 1, 100),
  /** `failures`: log only failed or slow requests (Cloud Run's request log has every ballot). */
  ACCESS_LOG: v.optional(v.picklist(['all', 'failures']), 'failures'),
  /** When set, API request counts are published to this project's metering topic every minute. */
  PUBSUB_PROJECT: v.optional(v.string()),
  S2S_KEYS: s2sKeys,
  S2S_REPLAY_WINDOW_SECONDS: intSetting(60, 1, 3600),
  /** Origins whose pages may call the voter API from a browser (the web app's, on the events function). */
  CORS_ORIGINS: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) =>
        s
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      ),
      v.check(
        (list) => list.every((o) => /^https?:\/\/[^/]+$/.test(o)),
        'must be origins (scheme://host[:port]), comma-separated',
      ),
    ),
    '',
  ),
  ...ballotQueue,
});

/**
 * Who may call a worker: Pub/Sub push and Cloud Scheduler send an OIDC token
 * of a service account, which the worker verifies (shared/common/auth/invoker.ts).
 */
const invoker = {
  /** The audience the push subscription (or scheduler job) puts in its tokens. */
  INVOKER_AUDIENCE: required,
  /** The service account whose tokens are accepted. */
  INVOKER_SERVICE_ACCOUNT: v.pipe(v.string('is required'), v.email('must be a service account e-mail')),
  INVOKER_ISSUER: v.optional(v.string(), 'https://accounts.google.com'),
  INVOKER_JWKS_URL: v.optional(urlSetting(['http:', 'https:']), 'https://www.googleapis.com/oauth2/v3/certs'),
};

/** The audit and metering workers: their database role, logging, and who may call them. */
const workerSchema = v.object({ ...database(2), ...logging, ...invoker });

const relaySchema = v.object({ ...database(2), ...logging, ...invoker, PUBSUB_PROJECT: required });

const lifecycleSchema = v.object({
  ...database(2),
  ...logging,
  ...invoker,
  ...s2sClient,
  ...kms,
  LIFECYCLE_LEAD_MINUTES: intSetting(30, 0, 24 * 60),
  LIFECYCLE_DEFAULT_HOURS: intSetting(4, 1, 72),
  LIFECYCLE_WARM_MIN_INSTANCES: intSetting(10, 0, 1000),
  LIFECYCLE_BASE_MIN_INSTANCES: intSetting(0, 0, 1000),
  LIFECYCLE_TIER_THRESHOLD: intSetting(300, 0, 10_000_000),
  LIFECYCLE_WARM_TIER: v.optional(v.string(), 'db-g1-small'),
  LIFECYCLE_BASE_TIER: v.optional(v.string(), 'db-f1-micro'),
  LIFECYCLE_CAPACITY: v.optional(v.picklist(['google', 'log']), 'google'),
  GCP_PROJECT: v.optional(v.string(), ''),
  GCP_REGION: v.optional(v.string(), ''),
  ELECTIONS_SERVICE: v.optional(v.string(), 'elections'),
  SQL_INSTANCE: v.optional(v.string(), ''),
  /** Scheduled opening and closing act as the registry: its role (the S2S client settings are the events function's). */
  REGISTRY_DATABASE_URL: urlSetting(['postgres:', 'postgresql:']),
  /**
   * The ballot tables' owner (the migration role): after each seal the worker VACUUMs them with it, which
   * PostgreSQL 15 allows only the owner. Unset: autovacuum alone (set to act on the first dead row).
   */
  MAINTENANCE_DATABASE_URL: v.optional(urlSetting(['postgres:', 'postgresql:'])),
});

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

type DatabaseSettings = v.InferOutput<v.ObjectSchema<ReturnType<typeof database> & typeof logging, undefined>>;

const invokerConfig = (e: v.InferOutput<v.ObjectSchema<typeof invoker, undefined>>): InvokerConfig => ({
  audience: e.INVOKER_AUDIENCE,
  serviceAccount: e.INVOKER_SERVICE_ACCOUNT,
  issuer: e.INVOKER_ISSUER,
  jwksUrl: e.INVOKER_JWKS_URL,
});

function dbConfig(e: DatabaseSettings, url = e.DATABASE_URL): DbConfig {
  return {
    url,
    poolMax: e.DB_POOL_MAX,
    connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
  };
}

const logConfig = (e: DatabaseSettings): LogConfig => ({ level: e.LOG_LEVEL, project: e.GOOGLE_CLOUD_PROJECT });

function s2sClientConfig(e: v.InferOutput<v.ObjectSchema<typeof s2sClient, undefined>>): S2SClientConfig {
  const signingKeyId = e.S2S_SIGNING_KEY_ID ?? [...e.S2S_KEYS.keys()][0]!;
  if (!e.S2S_KEYS.has(signingKeyId)) {
    throw new ConfigError('invalid configuration: S2S_SIGNING_KEY_ID names no key in S2S_KEYS');
  }
  return {
    url: e.ELECTIONS_URL.replace(/\/$/, ''),
    keys: e.S2S_KEYS,
    signingKeyId,
    timeoutMs: e.S2S_TIMEOUT_MS,
    retries: e.S2S_RETRIES,
    sealTimeoutMs: e.S2S_SEAL_TIMEOUT_MS,
    breaker: { failures: e.S2S_BREAKER_FAILURES, openMs: e.S2S_BREAKER_OPEN_MS },
  };
}

export function loadEventsConfig(env: Env = process.env): EventsConfig {
  const e = parseSettings(eventsSchema, env);
  return {
    port: e.PORT,
    db: { ...dbConfig(e), callTimeoutMs: e.DB_CALL_TIMEOUT_MS },
    log: logConfig(e),
    jwt: { issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, jwksUrl: e.JWKS_URL },
    operatorKey: e.OPERATOR_KEY,
    ballotBox: s2sClientConfig(e),
    kms: { key: e.KMS_KEY, endpoint: e.KMS_ENDPOINT },
    pubsubProject: e.PUBSUB_PROJECT,
    webApp: e.WEB_APP_DIR ? { dir: e.WEB_APP_DIR, clientId: e.WEB_CLIENT_ID, resource: e.WEB_RESOURCE } : undefined,
  };
}

export function loadElectionsConfig(env: Env = process.env): ElectionsConfig {
  const e = parseSettings(electionsSchema, env);
  return {
    port: e.PORT,
    db: {
      ...dbConfig(e),
      acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
      pipelineDepth: e.DB_PIPELINE_DEPTH,
      workTimeoutMs: e.DB_CALL_TIMEOUT_MS,
    },
    log: logConfig(e),
    s2s: { keys: e.S2S_KEYS, replayWindowSeconds: e.S2S_REPLAY_WINDOW_SECONDS },
    accessLog: e.ACCESS_LOG,
    corsOrigins: e.CORS_ORIGINS,
    pubsubProject: e.PUBSUB_PROJECT,
    ballotMode: e.BALLOT_MODE,
    queue: ballotQueueSettings(e),
  };
}

export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const e = parseSettings(workerSchema, env);
  return { db: dbConfig(e), log: logConfig(e), invoker: invokerConfig(e) };
}

export function loadRelayConfig(env: Env = process.env): RelayConfig {
  const e = parseSettings(relaySchema, env);
  return { db: dbConfig(e), log: logConfig(e), invoker: invokerConfig(e), pubsubProject: e.PUBSUB_PROJECT };
}

export function loadLifecycleConfig(env: Env = process.env): LifecycleConfig {
  const e = parseSettings(lifecycleSchema, env);
  if (e.LIFECYCLE_CAPACITY === 'google' && (!e.GCP_PROJECT || !e.GCP_REGION || !e.SQL_INSTANCE)) {
    throw new ConfigError(
      'invalid configuration: GCP_PROJECT, GCP_REGION and SQL_INSTANCE are required when LIFECYCLE_CAPACITY is google',
    );
  }
  return {
    db: dbConfig(e),
    log: logConfig(e),
    invoker: invokerConfig(e),
    policy: {
      leadMinutes: e.LIFECYCLE_LEAD_MINUTES,
      defaultHours: e.LIFECYCLE_DEFAULT_HOURS,
      warmMinInstances: e.LIFECYCLE_WARM_MIN_INSTANCES,
      baseMinInstances: e.LIFECYCLE_BASE_MIN_INSTANCES,
      tierThreshold: e.LIFECYCLE_TIER_THRESHOLD,
      warmTier: e.LIFECYCLE_WARM_TIER,
      baseTier: e.LIFECYCLE_BASE_TIER,
    },
    capacity: e.LIFECYCLE_CAPACITY,
    targets: {
      project: e.GCP_PROJECT,
      region: e.GCP_REGION,
      service: e.ELECTIONS_SERVICE,
      sqlInstance: e.SQL_INSTANCE,
    },
    registryDb: dbConfig(e, e.REGISTRY_DATABASE_URL),
    // VACUUM of a large ballot table may take longer than any request's statement.
    maintenanceDb: e.MAINTENANCE_DATABASE_URL
      ? { ...dbConfig(e, e.MAINTENANCE_DATABASE_URL), poolMax: 1, statementTimeoutMs: 600_000 }
      : undefined,
    ballotBox: s2sClientConfig(e),
    kms: { key: e.KMS_KEY, endpoint: e.KMS_ENDPOINT },
  };
}

/** Every deployable's settings schema by kind (deploy/targets.ts names each target's), for the infra checks. */
export const settingsSchemas = {
  events: eventsSchema,
  elections: electionsSchema,
  worker: workerSchema,
  relay: relaySchema,
  lifecycle: lifecycleSchema,
} as const;

/** Each kind's loader: parsing a deployment's environment with it proves every required setting is there. */
export const settingsLoaders = {
  events: loadEventsConfig,
  elections: loadElectionsConfig,
  worker: loadWorkerConfig,
  relay: loadRelayConfig,
  lifecycle: loadLifecycleConfig,
} as const;
