/**
 * Both functions on a real database: the elections app served on a loopback
 * port, the events app called in process with `app.request()` and reaching
 * the elections app over real S2S HTTP. JWTs come from a real (local) JWKS
 * endpoint; tests mint them as any subject, or forged ones. Every log line
 * of both functions is kept for the secrecy checks.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKmsStandIn } from '../../local/standIns/kms.js';
import { ensureCryptoKey } from '../../local/standIns/kmsKeys.js';
import { electionKey } from '../../shared/registry/db/index.js';
import { withTenant } from '../../shared/common/db/index.js';
import type { ElectionKeys } from '../../shared/registry/electionKeys.js';
import { eventsApi } from '../../functions/events/app.js';
import { electionsApi, s2sApi } from '../../functions/elections/app.js';
import { wireEvents } from '../../functions/events/wiring.js';
import { wireElections } from '../../functions/elections/wiring.js';
import { Writable } from 'node:stream';
import type { RouteContract } from '../../shared/common/http/contract.js';
import { checkAgainstContract, contractsOf } from './contractCheck.js';
import type { ElectionsDeps } from '../../functions/elections/deps.js';
import { createPool } from '../../shared/common/db/index.js';
import {
  loadElectionsConfig,
  loadEventsConfig,
  type KmsConfig,
  type S2SClientConfig,
} from '../../shared/common/config/index.js';
import { serveBare, type App, type ErrorBody, type Served } from '../../shared/common/http/index.js';
import { devAudience, generateKeys, mintJwt, startIdp, type IdpKeys } from '../../local/idp/devIdp.js';
import { createTestDb, type TestDb } from './db.js';
import type { AfterCommitRelay } from '../../shared/registry/outbox/index.js';
import { markTransactions, outsideTransactions, type Violations } from './noTransactionAcross.js';
import { startQueue, type TasksStandIn } from './ballotQueue.js';

/**
 * A response whose body has the type the route exports, `call<CreateElectionResponse>(…)`,
 * or the contract's error shape (its fields optional, for the error paths of the same call).
 * Without a type, the body is the error shape.
 */
export type TestResponse<T = ErrorBody> = Omit<Response, 'json'> & { json(): Promise<T & Partial<ErrorBody>> };

export const operatorKey = 'test-operator-key-0123456789abcdefghijklmnop';

type CallOptions = { auth?: string; body?: unknown; raw?: string; headers?: Record<string, string> };

export type Harness = {
  /** The Cloud Tasks stand-in (its own process: a test may kill and restart it), when a ballot mode is set. */
  tasks: TasksStandIn | undefined;
  /** The ballot task handler's server, when a ballot mode is set: killed and restarted by tests. */
  ballotTasks: { kill(): Promise<void>; restart(): Promise<void> } | undefined;
  app: App;
  electionsApp: App;
  elections: Served;
  electionsDeps: ElectionsDeps;
  db: TestDb;
  keys: IdpKeys;
  issuer: string;
  s2sKeys: string;
  /** The events function's S2S settings, for other registry-side clients (the lifecycle worker). */
  ballotBoxConfig: S2SClientConfig;
  logs: string[];
  jwt: (
    subject: string,
    options?: { ttlSeconds?: number; audience?: string; keys?: IdpKeys; issuer?: string },
  ) => Promise<string>;
  call: <T = ErrorBody>(method: string, path: string, options?: CallOptions) => Promise<TestResponse<T>>;
  /** A request to the elections app, in process. */
  vote: <T = ErrorBody>(method: string, path: string, options?: CallOptions) => Promise<TestResponse<T>>;
  /** The events function's KMS settings and its election keys (the lifecycle worker shares them). */
  kmsConfig: KmsConfig;
  /** Calls the KMS stand-in has answered, by method. */
  kmsRequests: () => Map<string, number>;
  /** Takes the KMS stand-in away, and brings it back (same port, same key material). */
  stopKms: () => Promise<void>;
  startKms: () => Promise<void>;
  electionKeys: ElectionKeys;
  /** An election's token secret as the events function unwraps it while the election runs (for controls). */
  tokenSecretOf: (org: string, electionId: string) => Promise<Buffer>;
  close: () => Promise<void>;
};

/** A request to `app` in process, its answer checked against the route's contract. */
async function request<T>(
  app: App,
  contracts: RouteContract[],
  method: string,
  path: string,
  o: CallOptions = {},
): Promise<TestResponse<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.auth) headers.authorization = `Bearer ${o.auth}`;
  const body = o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  await checkAgainstContract(contracts, method, path, res);
  return res as TestResponse<T>;
}

const eventsContracts = contractsOf([eventsApi]);
const electionsContracts = contractsOf([electionsApi, s2sApi]);

export type HarnessOptions = {
  gateTimeoutMs?: number;
  /**
   * How long either function waits for one database call (DB_CALL_TIMEOUT_MS): generous by default, since a
   * loaded test machine is slow; an outage test sets production's.
   */
  callTimeoutMs?: number;
  /** A database prepared by the test (e.g. on a server of its own); the harness closes it. */
  db?: TestDb;
  /** Every log line of both functions is also appended here, as an operator's log store would keep it. */
  logFile?: string;
  /** Where the key stand-in keeps its key material (a folder of the test's own by default). */
  keyDir?: string;
  /** The events function's after-commit relay (none by default: tests publish the outbox themselves). */
  afterCommit?: AfterCommitRelay;
  /**
   * The deployment's ballot mode; when set (sync too), a Cloud Tasks stand-in and the ballot task handler run
   * beside the elections function, the handler with a pool of its own, so an election may take another mode.
   */
  ballotMode?: 'sync' | 'auto' | 'queue';
  /** How long the events function gives the ballot box to seal (S2S_SEAL_TIMEOUT_MS; 30 s as in production). */
  sealTimeoutMs?: number;
  /** The elections function's pool (DB_POOL_MAX, DB_PIPELINE_DEPTH): auto's tests exhaust a small one. */
  electionsPool?: { max: number; pipelineDepth: number };
};

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = options.db ?? (await createTestDb());
  const keys = await generateKeys();
  const idp = await startIdp(keys, 0);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      if (options.logFile) appendFileSync(options.logFile, chunk);
      done();
    },
  });
  const s2sKeys = `k1:${randomBytes(32).toString('base64url')}`;
  const keyDir = options.keyDir ?? mkdtempSync(path.join(os.tmpdir(), 'ekklesia-kms-'));
  let kms = await startKmsStandIn(keyDir);
  const kmsPort = Number(new URL(kms.endpoint).port);
  const kmsKey = 'projects/ekklesia-test/locations/local/keyRings/ekklesia/cryptoKeys/election-secrets';
  await ensureCryptoKey(kms.endpoint, kmsKey);

  const queue = options.ballotMode ? await startQueue(db, keys, idp) : undefined;
  // Configs come from the same loaders the deployables use: only what a test changes is named here.
  const electionsConfig = loadElectionsConfig({
    ...(queue ? { BALLOT_MODE: options.ballotMode, ...queue.env } : {}),
    ...(options.electionsPool
      ? {
          DB_POOL_MAX: String(options.electionsPool.max),
          DB_PIPELINE_DEPTH: String(options.electionsPool.pipelineDepth),
        }
      : {}),
    DATABASE_URL: db.url('ekklesia_ballot_box'),
    S2S_KEYS: s2sKeys,
    DB_STATEMENT_TIMEOUT_MS: '10000',
    DB_ACQUIRE_TIMEOUT_MS: String(options.gateTimeoutMs ?? 10_000),
    DB_CALL_TIMEOUT_MS: String(options.callTimeoutMs ?? 20_000),
    ACCESS_LOG: 'all',
    LOG_LEVEL: 'debug',
  });
  // The deployables' own wiring, with the harness's hooks: its log sink, its pools, its guards.
  // Its own pool, as its config builds it (with the call timeout production has).
  const electionsWired = wireElections(electionsConfig, { logSink: sink });
  const { app: electionsApp, deps: electionsDeps } = electionsWired;
  const elections = await serveBare(electionsApp, 0);

  const config = loadEventsConfig({
    DATABASE_URL: db.url('ekklesia_registry'),
    DB_POOL_MAX: '4',
    DB_STATEMENT_TIMEOUT_MS: '10000',
    LOG_LEVEL: 'debug',
    JWT_ISSUER: idp.issuer,
    JWT_AUDIENCE: devAudience,
    JWKS_URL: idp.jwksUrl,
    OPERATOR_KEY: operatorKey,
    ELECTIONS_URL: elections.url,
    S2S_KEYS: s2sKeys,
    // A loaded test machine answers more slowly than production's 1.2 s per attempt assumes.
    S2S_TIMEOUT_MS: '5000',
    ...(options.sealTimeoutMs ? { S2S_SEAL_TIMEOUT_MS: String(options.sealTimeoutMs) } : {}),
    DB_CALL_TIMEOUT_MS: String(options.callTimeoutMs ?? 20_000),
    KMS_KEY: kmsKey,
    KMS_ENDPOINT: kms.endpoint,
  });
  // Network calls made inside one of the events function's transactions fail the request and the file.
  const violations: Violations = [];
  // The events function's own pool, as its config builds it (with the call timeout), marked for the guard.
  const registrySql = markTransactions(createPool(config.db, 'harness-events'));
  const guarded: Record<string, readonly string[]> = {
    ballotBox: ['define', 'registerTokens', 'withdrawTokens', 'open', 'close', 'turnout'],
    electionKeys: ['create', 'withKey', 'unwrap', 'destroy'],
  };
  const events = wireEvents(config, {
    logSink: sink,
    sql: registrySql,
    afterCommit: options.afterCommit,
    wrap: (name, client) => outsideTransactions(name, client, guarded[name] as never, violations),
  });
  const { app } = events;
  const electionKeys = events.deps.electionKeys;
  return {
    app,
    electionsApp,
    elections,
    electionsDeps,
    db,
    keys,
    issuer: idp.issuer,
    s2sKeys,
    ballotBoxConfig: config.ballotBox,
    logs,
    jwt: (subject, o = {}) =>
      mintJwt(o.keys ?? keys, {
        issuer: o.issuer ?? idp.issuer,
        subject,
        audience: o.audience ?? devAudience,
        ttlSeconds: o.ttlSeconds ?? 600,
      }),
    call: (method, path, o) => request(app, eventsContracts, method, path, o),
    vote: (method, path, o) => request(electionsApp, electionsContracts, method, path, o),
    electionKeys,
    kmsConfig: config.kms,
    kmsRequests: () => kms.requests,
    stopKms: () => kms.close(),
    startKms: async () => {
      kms = await startKmsStandIn(keyDir, kmsPort);
    },
    tokenSecretOf: async (org, electionId) => {
      const stored = await withTenant(db.admin, org, (tx) => electionKey(tx, electionId));
      if (!stored) throw new Error(`no key for election ${electionId}`);
      return electionKeys.unwrap(org, electionId, stored);
    },
    tasks: queue?.standIn,
    ballotTasks: queue?.handler,
    close: async () => {
      await electionsWired.stop();
      await events.stop();
      await queue?.close();
      await kms.close();
      if (!options.keyDir) rmSync(keyDir, { recursive: true, force: true });
      await elections.close();
      await idp.close();
      await registrySql.end();
      await db.close();
      if (violations.length) throw new Error(`network calls inside transactions: ${violations.join('; ')}`);
    },
  };
}

export { seedOrg, seedElection, openElection, seedOpenChoice, tokenFor } from './seed.js';
