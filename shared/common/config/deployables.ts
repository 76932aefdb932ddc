/**
 * Each deployable's settings: a valibot schema over the environment, parsed
 * once at cold start into the typed object its wiring is given (a missing
 * or malformed setting stops start-up with its name). Each type is its
 * loader's return type, so the schema, the mapping and the type are one
 * thing. Settings two deployables share are blocks (blocks.ts); the queue's
 * in ballotQueue.ts.
 */
import * as v from 'valibot';
import {
  callTimeout,
  database,
  dbConfig,
  invoker,
  invokerConfig,
  kms,
  kmsConfig,
  logConfig,
  logging,
  s2sClient,
  s2sClientConfig,
  s2sKeys,
} from './blocks.js';
import { ConfigError, intSetting, parseSettings, ratioSetting, required, urlSetting, type Env } from './parse.js';
import type { DbConfig } from './blocks.js';
import { ballotQueue, ballotQueueSettings } from './ballotQueue.js';

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
  // Sizing by attendance (workers/lifecycle/sizing.ts, docs/capacity.md): the seconds members take to arrive at a
  // vote, the ballots a second planned per elections instance, and the service's own most instances.
  LIFECYCLE_VOTE_WINDOW_S: intSetting(5, 1, 3600),
  LIFECYCLE_BALLOTS_PER_INSTANCE: intSetting(650, 1, 100_000),
  LIFECYCLE_MAX_INSTANCES: intSetting(100, 1, 1000),
  /** The share of new traces the functions sample while a meeting is on (the seed: 50–100 %); TRACE_RATIO otherwise. */
  LIFECYCLE_TRACE_RATIO: ratioSetting(1),
  LIFECYCLE_WARM_TIER: v.optional(v.string(), 'db-g1-small'),
  LIFECYCLE_BASE_TIER: v.optional(v.string(), 'db-f1-micro'),
  LIFECYCLE_WARM_AVAILABILITY: v.optional(v.picklist(['ZONAL', 'REGIONAL']), 'ZONAL'),
  LIFECYCLE_BASE_AVAILABILITY: v.optional(v.picklist(['ZONAL', 'REGIONAL']), 'ZONAL'),
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

export function loadEventsConfig(env: Env = process.env) {
  const e = parseSettings(eventsSchema, env);
  return {
    port: e.PORT,
    db: { ...dbConfig(e), callTimeoutMs: e.DB_CALL_TIMEOUT_MS } as DbConfig,
    log: logConfig(e),
    jwt: { issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, jwksUrl: e.JWKS_URL },
    operatorKey: e.OPERATOR_KEY,
    ballotBox: s2sClientConfig(e),
    kms: kmsConfig(e),
    pubsubProject: e.PUBSUB_PROJECT,
    webApp: e.WEB_APP_DIR ? { dir: e.WEB_APP_DIR, clientId: e.WEB_CLIENT_ID, resource: e.WEB_RESOURCE } : undefined,
  };
}

export function loadElectionsConfig(env: Env = process.env) {
  const e = parseSettings(electionsSchema, env);
  return {
    port: e.PORT,
    db: {
      ...dbConfig(e),
      acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
      pipelineDepth: e.DB_PIPELINE_DEPTH,
      workTimeoutMs: e.DB_CALL_TIMEOUT_MS,
      // Every database call the gate does not bound (the S2S surface) has the same deadline.
      callTimeoutMs: e.DB_CALL_TIMEOUT_MS,
    },
    log: logConfig(e),
    s2s: { keys: e.S2S_KEYS, replayWindowSeconds: e.S2S_REPLAY_WINDOW_SECONDS },
    /** `failures`: log only failed or slow requests. */
    accessLog: e.ACCESS_LOG,
    corsOrigins: e.CORS_ORIGINS,
    pubsubProject: e.PUBSUB_PROJECT,
    ballotMode: e.BALLOT_MODE,
    queue: ballotQueueSettings(e),
  };
}

export function loadWorkerConfig(env: Env = process.env) {
  const e = parseSettings(workerSchema, env);
  return { db: dbConfig(e), log: logConfig(e), invoker: invokerConfig(e) };
}

export function loadRelayConfig(env: Env = process.env) {
  const e = parseSettings(relaySchema, env);
  return { db: dbConfig(e), log: logConfig(e), invoker: invokerConfig(e), pubsubProject: e.PUBSUB_PROJECT };
}

export function loadLifecycleConfig(env: Env = process.env) {
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
      voteWindowS: e.LIFECYCLE_VOTE_WINDOW_S,
      ballotsPerInstance: e.LIFECYCLE_BALLOTS_PER_INSTANCE,
      maxInstances: e.LIFECYCLE_MAX_INSTANCES,
      meetingTraceRatio: e.LIFECYCLE_TRACE_RATIO,
      warmTier: e.LIFECYCLE_WARM_TIER,
      baseTier: e.LIFECYCLE_BASE_TIER,
      warmAvailability: e.LIFECYCLE_WARM_AVAILABILITY,
      baseAvailability: e.LIFECYCLE_BASE_AVAILABILITY,
    },
    /** `google`: the Cloud Run and SQL Admin APIs; `log`: only log what would be asked (the local stack). */
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
    kms: kmsConfig(e),
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

export type EventsConfig = ReturnType<typeof loadEventsConfig>;
export type ElectionsConfig = ReturnType<typeof loadElectionsConfig>;
export type WorkerConfig = ReturnType<typeof loadWorkerConfig>;
export type RelayConfig = ReturnType<typeof loadRelayConfig>;
export type LifecycleConfig = ReturnType<typeof loadLifecycleConfig>;
export type LifecyclePolicy = LifecycleConfig['policy'];
