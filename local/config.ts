/**
 * The local stack's and the development tools' settings, read here and
 * nowhere else in local/, scripts/ and test/ (the deployables' settings are
 * in shared/common/config/).
 */
import * as v from 'valibot';
import { intSetting, logLevel, parseSettings, urlSetting, type Env } from '../shared/common/config/index.js';

const localStackSchema = v.object({
  EKKLESIA_DIR: v.optional(v.string(), '.ekklesia'),
  EKKLESIA_HOST: v.optional(v.string(), '127.0.0.1'),
  EKKLESIA_EVENTS_PORT: intSetting(8081, 1, 65535),
  EKKLESIA_ELECTIONS_PORT: intSetting(8082, 1, 65535),
  EKKLESIA_IDP_PORT: intSetting(8089, 1, 65535),
  EKKLESIA_KMS_PORT: intSetting(8090, 1, 65535),
  EKKLESIA_PUBSUB_PORT: intSetting(8085, 1, 65535),
  EKKLESIA_PG_PORT: intSetting(5433, 1, 65535),
  EKKLESIA_TASKS_PORT: intSetting(8091, 1, 65535),
  EKKLESIA_BALLOT_TASKS_PORT: intSetting(8083, 1, 65535),
  /** The elections function's pool (its DB_POOL_MAX, DB_PIPELINE_DEPTH): small, to overload it on purpose. */
  EKKLESIA_ELECTIONS_POOL_MAX: intSetting(4, 1, 100),
  EKKLESIA_ELECTIONS_PIPELINE_DEPTH: intSetting(8, 1, 100),
  /** The elections function's ballot mode in the local stack (README, "Overload: the queue fallback"). */
  BALLOT_MODE: v.optional(v.picklist(['sync', 'auto', 'queue']), 'sync'),
  EKKLESIA_SERVE: v.optional(v.picklist(['bare', 'framework']), 'bare'),
  /** Traces of every request (`file`: EKKLESIA_DIR/traces.jsonl, read by `npm run traces`; `console`); off by default. */
  EKKLESIA_TRACE: v.optional(v.picklist(['off', 'file', 'console']), 'off'),
  /** The port a worker process of the local stack listens on (set by the stack). */
  PORT: intSetting(0, 0, 65535),
  EKKLESIA_PROJECT: v.optional(v.string(), 'ekklesia-local'),
  /** How often the Cloud Scheduler stand-in ticks the lifecycle worker (scheduled opens and closes, sweeps). */
  EKKLESIA_TICK_MS: intSetting(30_000, 1000, 3_600_000),
  LOG_LEVEL: logLevel,
});

/** The Cloud Tasks stand-in's own process (local/processes/serveTasks.ts), as the stack starts it. */
const tasksStandInSchema = v.object({
  EKKLESIA_HOST: v.optional(v.string(), '127.0.0.1'),
  PORT: intSetting(0, 0, 65535),
  /** Where it keeps its queues and tasks. */
  TASKS_DIR: v.pipe(v.string(), v.minLength(1)),
  /** The dev identity provider's issuer and key file: it signs each dispatch's OIDC token with them. */
  TASKS_ISSUER: v.pipe(v.string(), v.minLength(1)),
  TASKS_IDP_KEYS: v.pipe(v.string(), v.minLength(1)),
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

export type LocalStackConfig = v.InferOutput<typeof localStackSchema>;
export type ToolConfig = v.InferOutput<typeof toolSchema>;

export function loadLocalStackConfig(env: Env = process.env): LocalStackConfig {
  return parseSettings(localStackSchema, env);
}

export function loadTasksStandInConfig(env: Env = process.env): v.InferOutput<typeof tasksStandInSchema> {
  return parseSettings(tasksStandInSchema, env);
}

export function loadToolConfig(env: Env = process.env): ToolConfig {
  return parseSettings(toolSchema, env);
}

const profileSchema = v.object({
  /** A folder: each process the stack starts writes a V8 CPU profile there when it stops (docs/performance.md). */
  EKKLESIA_CPU_PROFILE: v.optional(v.pipe(v.string(), v.minLength(1))),
});

/** Node's flags for a child `name` of the stack: `--cpu-prof` when EKKLESIA_CPU_PROFILE names a folder (Node refuses it in NODE_OPTIONS). */
export function cpuProfileFlags(name: string, env: Env = process.env): string[] {
  const dir = parseSettings(profileSchema, env).EKKLESIA_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
}

/**
 * Node 22 keeps AsyncLocalStorage (where tracing holds the active span) with async hooks on every promise, about
 * 2 % of a cast's CPU, unless its context frames are on (the default from Node 24; docs/adr/002-tracing.md).
 */
export const asyncContextFrame = '--experimental-async-context-frame';

/** The environment a child process is started with: ours, plus `extra` (and, when it traces, context frames). */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  const options = env.NODE_OPTIONS ?? '';
  if (env.TRACE_EXPORTER && env.TRACE_EXPORTER !== 'off' && !options.includes(asyncContextFrame))
    env.NODE_OPTIONS = `${options} ${asyncContextFrame}`.trim();
  return env;
}
