/**
 * Configuration is read here and nowhere else: a valibot schema over the
 * environment, parsed once at cold start into a typed object that is passed
 * down. A missing or malformed setting stops start-up with its name.
 */
import * as v from 'valibot';
import { parseMasterKeys, type MasterKeys } from './s2s/keys.js';

type Env = Record<string, string | undefined>;

const intSetting = (fallback: number, min: number, max: number) =>
  v.pipe(
    v.optional(v.string(), String(fallback)),
    v.regex(/^\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

const urlSetting = (protocols: string[]) =>
  v.pipe(
    v.string('is required'),
    v.url('must be a URL'),
    v.check((s) => !URL.canParse(s) || protocols.includes(new URL(s).protocol), `must use ${protocols.join(' or ')}`),
  );

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

const logLevel = v.optional(v.picklist(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info');

/** Settings every HTTP function shares. */
const common = {
  DATABASE_URL: urlSetting(['postgres:', 'postgresql:']),
  DB_CONNECT_TIMEOUT_MS: intSetting(2000, 50, 60_000),
  DB_STATEMENT_TIMEOUT_MS: intSetting(5000, 100, 600_000),
  LOG_LEVEL: logLevel,
  GOOGLE_CLOUD_PROJECT: v.optional(v.string()),
};

const eventsSchema = v.object({
  ...common,
  PORT: intSetting(8081, 1, 65535),
  DB_POOL_MAX: intSetting(5, 1, 100),
  JWT_ISSUER: v.pipe(v.string('is required'), v.minLength(1, 'is required')),
  JWT_AUDIENCE: v.pipe(v.string('is required'), v.minLength(1, 'is required')),
  JWKS_URL: urlSetting(['http:', 'https:']),
  OPERATOR_KEY: v.pipe(v.string('is required'), v.minLength(32, 'must be at least 32 characters')),
  ELECTIONS_URL: urlSetting(['http:', 'https:']),
  S2S_KEYS: s2sKeys,
  S2S_SIGNING_KEY_ID: v.optional(v.string()),
  S2S_TIMEOUT_MS: intSetting(1200, 10, 60_000),
  S2S_RETRIES: intSetting(2, 0, 10),
  /** When set, events are published to Pub/Sub in this project right after each change commits. */
  PUBSUB_PROJECT: v.optional(v.string()),
});

const relaySchema = v.object({
  ...common,
  DB_POOL_MAX: intSetting(2, 1, 20),
  PUBSUB_PROJECT: v.pipe(v.string('is required'), v.minLength(1, 'is required')),
});

const electionsSchema = v.object({
  ...common,
  PORT: intSetting(8082, 1, 65535),
  DB_POOL_MAX: intSetting(4, 1, 100),
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
});

const localStackSchema = v.object({
  EKKLESIA_DIR: v.optional(v.string(), '.ekklesia'),
  EKKLESIA_HOST: v.optional(v.string(), '127.0.0.1'),
  EKKLESIA_EVENTS_PORT: intSetting(8081, 1, 65535),
  EKKLESIA_ELECTIONS_PORT: intSetting(8082, 1, 65535),
  EKKLESIA_IDP_PORT: intSetting(8089, 1, 65535),
  EKKLESIA_PUBSUB_PORT: intSetting(8085, 1, 65535),
  EKKLESIA_PG_PORT: intSetting(5433, 1, 65535),
  EKKLESIA_SERVE: v.optional(v.picklist(['bare', 'framework']), 'bare'),
  /** The port a worker process of the local stack listens on (set by the stack). */
  PORT: intSetting(0, 0, 65535),
  EKKLESIA_PROJECT: v.optional(v.string(), 'ekklesia-local'),
  LOG_LEVEL: logLevel,
});

const toolSchema = v.object({
  /** A superuser URL; when set, tests and tools use it instead of starting PostgreSQL. */
  TEST_DATABASE_URL: v.optional(urlSetting(['postgres:', 'postgresql:'])),
  /** Set by `npm test`: the migrated database each test file clones. */
  EKKLESIA_TEST_TEMPLATE: v.optional(v.string()),
  /** Set by `npm test`: the Pub/Sub emulator it started. */
  PUBSUB_EMULATOR_HOST: v.optional(v.string()),
  DATABASE_URL: v.optional(urlSetting(['postgres:', 'postgresql:'])),
  EKKLESIA_DIR: v.optional(v.string(), '.ekklesia'),
  PG_BIN_DIR: v.optional(v.string()),
});

export type EventsConfig = {
  port: number;
  db: DbConfig;
  log: LogConfig;
  jwt: { issuer: string; audience: string; jwksUrl: string };
  operatorKey: string;
  elections: { url: string; keys: MasterKeys; signingKeyId: string; timeoutMs: number; retries: number };
  pubsubProject: string | undefined;
};
export type RelayConfig = { db: DbConfig; log: LogConfig; pubsubProject: string };
export type LifecycleConfig = {
  policy: {
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
  /** `google`: the Cloud Run and SQL Admin APIs; `log`: only log what would be asked (the local stack). */
  capacity: 'google' | 'log';
  targets: { project: string; region: string; service: string; sqlInstance: string };
  closing: { registryDatabaseUrl: string; electionsUrl: string; keys: MasterKeys; signingKeyId: string };
};
export type ElectionsConfig = {
  port: number;
  db: DbConfig & { acquireTimeoutMs: number; pipelineDepth: number };
  log: LogConfig;
  s2s: { keys: MasterKeys; replayWindowSeconds: number };
  accessLog: 'all' | 'failures';
  pubsubProject: string | undefined;
};
export type DbConfig = { url: string; poolMax: number; connectTimeoutMs: number; statementTimeoutMs: number };
export type LogConfig = { level: string; project: string | undefined };
export type LocalStackConfig = v.InferOutput<typeof localStackSchema>;
export type ToolConfig = v.InferOutput<typeof toolSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parse<S extends v.GenericSchema>(schema: S, env: Env): v.InferOutput<S> {
  const result = v.safeParse(schema, env);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const key = issue.path?.[0]?.key ?? '?';
    const message = issue.received === 'undefined' ? 'is required' : issue.message;
    return `${String(key)} ${message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}

function common_(env: v.InferOutput<typeof eventsSchema> | v.InferOutput<typeof electionsSchema>) {
  return {
    port: env.PORT,
    db: {
      url: env.DATABASE_URL,
      poolMax: env.DB_POOL_MAX,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    },
    log: { level: env.LOG_LEVEL, project: env.GOOGLE_CLOUD_PROJECT },
  };
}

export function loadEventsConfig(env: Env = process.env): EventsConfig {
  const e = parse(eventsSchema, env);
  return {
    ...common_(e),
    jwt: { issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, jwksUrl: e.JWKS_URL },
    operatorKey: e.OPERATOR_KEY,
    elections: {
      url: e.ELECTIONS_URL.replace(/\/$/, ''),
      keys: e.S2S_KEYS,
      signingKeyId: signingKeyId(e.S2S_KEYS, e.S2S_SIGNING_KEY_ID),
      timeoutMs: e.S2S_TIMEOUT_MS,
      retries: e.S2S_RETRIES,
    },
    pubsubProject: e.PUBSUB_PROJECT,
  };
}

const lifecycleSchema = v.object({
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
  /** Scheduled closing acts as the registry: its role, and the S2S settings of the events function. */
  REGISTRY_DATABASE_URL: urlSetting(['postgres:', 'postgresql:']),
  ELECTIONS_URL: urlSetting(['http:', 'https:']),
  S2S_KEYS: s2sKeys,
  S2S_SIGNING_KEY_ID: v.optional(v.string()),
});

export function loadLifecycleConfig(env: Env = process.env): LifecycleConfig {
  const e = parse(lifecycleSchema, env);
  if (e.LIFECYCLE_CAPACITY === 'google' && (!e.GCP_PROJECT || !e.GCP_REGION || !e.SQL_INSTANCE)) {
    throw new ConfigError(
      'invalid configuration: GCP_PROJECT, GCP_REGION and SQL_INSTANCE are required when LIFECYCLE_CAPACITY is google',
    );
  }
  return {
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
    closing: {
      registryDatabaseUrl: e.REGISTRY_DATABASE_URL,
      electionsUrl: e.ELECTIONS_URL.replace(/\/$/, ''),
      keys: e.S2S_KEYS,
      signingKeyId: signingKeyId(e.S2S_KEYS, e.S2S_SIGNING_KEY_ID),
    },
  };
}

export function loadRelayConfig(env: Env = process.env): RelayConfig {
  const e = parse(relaySchema, env);
  return {
    db: {
      url: e.DATABASE_URL,
      poolMax: e.DB_POOL_MAX,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    },
    log: { level: e.LOG_LEVEL, project: e.GOOGLE_CLOUD_PROJECT },
    pubsubProject: e.PUBSUB_PROJECT,
  };
}

function signingKeyId(keys: MasterKeys, chosen: string | undefined): string {
  const id = chosen ?? [...keys.keys()][0]!;
  if (!keys.has(id)) throw new ConfigError(`invalid configuration: S2S_SIGNING_KEY_ID names no key in S2S_KEYS`);
  return id;
}

export function loadElectionsConfig(env: Env = process.env): ElectionsConfig {
  const e = parse(electionsSchema, env);
  const base = common_(e);
  return {
    ...base,
    db: { ...base.db, acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS, pipelineDepth: e.DB_PIPELINE_DEPTH },
    s2s: { keys: e.S2S_KEYS, replayWindowSeconds: e.S2S_REPLAY_WINDOW_SECONDS },
    accessLog: e.ACCESS_LOG,
    pubsubProject: e.PUBSUB_PROJECT,
  };
}

export function loadLocalStackConfig(env: Env = process.env): LocalStackConfig {
  return parse(localStackSchema, env);
}

export function loadToolConfig(env: Env = process.env): ToolConfig {
  return parse(toolSchema, env);
}

/** The environment a child process is started with: ours, plus `extra`. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
