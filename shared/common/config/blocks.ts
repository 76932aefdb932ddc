/**
 * The settings blocks several deployables share (deployables.ts puts each
 * deployable's schema together from them): database and logging, the S2S
 * client of the ballot box, Cloud KMS, the database call timeout, and who
 * may call a worker; and, for each, the typed block the code is given. The
 * types are those of the mappings, so schema and type cannot drift apart.
 */
import * as v from 'valibot';
import { parseMasterKeys } from '../s2s/keys.js';
import { ConfigError, intSetting, logLevel, ratioSetting, required, urlSetting } from './parse.js';

export const s2sKeys = v.pipe(
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
export const database = (poolMax: number) => ({
  DATABASE_URL: urlSetting(['postgres:', 'postgresql:']),
  DB_POOL_MAX: intSetting(poolMax, 1, 100),
  DB_CONNECT_TIMEOUT_MS: intSetting(2000, 50, 60_000),
  DB_STATEMENT_TIMEOUT_MS: intSetting(5000, 100, 600_000),
});
export const logging = {
  LOG_LEVEL: logLevel,
  GOOGLE_CLOUD_PROJECT: v.optional(v.string()),
  /** Where sampled spans go (shared/common/trace): off, Cloud Trace, a JSON-lines file (TRACE_FILE), the console. */
  TRACE_EXPORTER: v.optional(v.picklist(['off', 'cloud', 'file', 'console']), 'off'),
  /** New traces sampled until the database's setting (raised for a meeting by the lifecycle worker) says otherwise. */
  TRACE_RATIO: ratioSetting(0.01),
  TRACE_FILE: v.optional(v.string()),
};

/** The registry side's client of the ballot box's S2S API (the events function, the lifecycle worker). */
export const s2sClient = {
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
export const kms = {
  /** The CryptoKey under which each election gets a key version: projects/P/locations/L/keyRings/R/cryptoKeys/K. */
  KMS_KEY: v.pipe(
    v.string('is required'),
    v.regex(/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/, 'must name a CryptoKey'),
  ),
  /** A KMS stand-in to talk to over REST (the local stack); unset: Cloud KMS. */
  KMS_ENDPOINT: v.optional(urlSetting(['http:', 'https:'])),
};

/** How long a request waits for one database call before 503 unavailable (a server that stopped answering). */
export const callTimeout = (ms: number) => ({ DB_CALL_TIMEOUT_MS: intSetting(ms, 10, 600_000) });

/**
 * Who may call a worker: Pub/Sub push and Cloud Scheduler send an OIDC token
 * of a service account, which the worker verifies (shared/common/auth/invoker.ts).
 */
export const invoker = {
  /** The audience the push subscription (or scheduler job) puts in its tokens. */
  INVOKER_AUDIENCE: required,
  /** The service account whose tokens are accepted. */
  INVOKER_SERVICE_ACCOUNT: v.pipe(v.string('is required'), v.email('must be a service account e-mail')),
  INVOKER_ISSUER: v.optional(v.string(), 'https://accounts.google.com'),
  INVOKER_JWKS_URL: v.optional(urlSetting(['http:', 'https:']), 'https://www.googleapis.com/oauth2/v3/certs'),
};

const settingsOf = <E extends v.ObjectEntries>(_entries: E) => ({}) as v.InferOutput<v.ObjectSchema<E, undefined>>;
const databaseSettings = settingsOf({ ...database(1), ...logging });

export function dbConfig(e: typeof databaseSettings, url = e.DATABASE_URL) {
  return {
    url,
    poolMax: e.DB_POOL_MAX,
    connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
  };
}
export type DbConfig = ReturnType<typeof dbConfig> & {
  /** How long a request waits for one database call (client side: a server that stopped answering). */
  callTimeoutMs?: number;
};

export const logConfig = (e: typeof databaseSettings) => ({
  level: e.LOG_LEVEL,
  project: e.GOOGLE_CLOUD_PROJECT,
  trace: { exporter: e.TRACE_EXPORTER, ratio: e.TRACE_RATIO, file: e.TRACE_FILE, project: e.GOOGLE_CLOUD_PROJECT },
});
export type LogConfig = ReturnType<typeof logConfig>;

export function s2sClientConfig(e: ReturnType<typeof settingsOf<typeof s2sClient>>) {
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
export type S2SClientConfig = ReturnType<typeof s2sClientConfig>;

export const kmsConfig = (e: ReturnType<typeof settingsOf<typeof kms>>) => ({
  key: e.KMS_KEY,
  endpoint: e.KMS_ENDPOINT,
});
export type KmsConfig = ReturnType<typeof kmsConfig>;

export const invokerConfig = (e: ReturnType<typeof settingsOf<typeof invoker>>) => ({
  audience: e.INVOKER_AUDIENCE,
  serviceAccount: e.INVOKER_SERVICE_ACCOUNT,
  issuer: e.INVOKER_ISSUER,
  jwksUrl: e.INVOKER_JWKS_URL,
});
export type InvokerConfig = ReturnType<typeof invokerConfig>;
