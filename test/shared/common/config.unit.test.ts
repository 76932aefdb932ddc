import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigError,
  loadElectionsConfig,
  loadEventsConfig,
  loadLifecycleConfig,
  loadRelayConfig,
  loadWorkerConfig,
} from '../../../shared/common/config/index.js';

const valid = {
  DATABASE_URL: 'postgres://ekklesia_registry@127.0.0.1:5432/ekklesia',
  JWT_ISSUER: 'https://id.example.org',
  JWT_AUDIENCE: 'ekklesia',
  JWKS_URL: 'https://id.example.org/.well-known/jwks.json',
  OPERATOR_KEY: 'k'.repeat(32),
  ELECTIONS_URL: 'http://127.0.0.1:8082/',
  S2S_KEYS: `k1:${'a'.repeat(43)}`,
  KMS_KEY: 'projects/p/locations/europe-west1/keyRings/ekklesia/cryptoKeys/election-secrets',
};

test('a valid environment gives a typed config with defaults', () => {
  const config = loadEventsConfig(valid);
  assert.equal(config.port, 8081);
  assert.equal(config.db.poolMax, 5);
  assert.equal(config.db.statementTimeoutMs, 5000);
  assert.equal(config.jwt.audience, 'ekklesia');
  assert.equal(config.ballotBox.url, 'http://127.0.0.1:8082');
  assert.equal(config.ballotBox.signingKeyId, 'k1');
  assert.equal(config.ballotBox.timeoutMs, 1200);
  assert.equal(config.ballotBox.retries, 2);
  const elections = { DATABASE_URL: valid.DATABASE_URL, S2S_KEYS: valid.S2S_KEYS };
  assert.equal(loadElectionsConfig({ ...elections, DB_POOL_MAX: '3' }).db.poolMax, 3);
  const defaults = loadElectionsConfig(elections);
  assert.equal(defaults.db.poolMax, 4);
  assert.equal(defaults.db.acquireTimeoutMs, 250);
  assert.equal(defaults.s2s.replayWindowSeconds, 60);
});

const bad: [string, Record<string, string | undefined>, RegExp][] = [
  ['missing DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL is required/],
  ['non-postgres DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use postgres:/],
  ['port not a number', { PORT: 'eighty' }, /PORT must be a whole number/],
  ['port out of range', { PORT: '70000' }, /PORT must be at most 65535/],
  ['pool of zero', { DB_POOL_MAX: '0' }, /DB_POOL_MAX must be at least 1/],
  ['short operator key', { OPERATOR_KEY: 'short' }, /OPERATOR_KEY must be at least 32 characters/],
  ['missing issuer', { JWT_ISSUER: undefined }, /JWT_ISSUER is required/],
  ['JWKS not a URL', { JWKS_URL: 'jwks.json' }, /JWKS_URL must be a URL/],
  ['unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ['a short S2S key', { S2S_KEYS: 'k1:abc' }, /S2S_KEYS must be/],
  ['three S2S keys', { S2S_KEYS: ['a', 'b', 'c'].map((k) => `${k}:${'a'.repeat(43)}`).join(',') }, /S2S_KEYS must be/],
  ['a signing key that is not configured', { S2S_SIGNING_KEY_ID: 'k2' }, /S2S_SIGNING_KEY_ID/],
];
for (const [name, change, message] of bad) {
  test(`start-up stops on ${name}, naming the setting`, () => {
    assert.throws(
      () => loadEventsConfig({ ...valid, ...change }),
      (err: unknown) => err instanceof ConfigError && message.test(err.message),
    );
  });
}

test('workers need only what they use: audit and metering no Pub/Sub project, the relay one', () => {
  const db = {
    DATABASE_URL: 'postgres://ekklesia_worker@127.0.0.1:5432/ekklesia',
    INVOKER_AUDIENCE: 'https://audit-xyz.run.app',
    INVOKER_SERVICE_ACCOUNT: 'pubsub-push@p.iam.gserviceaccount.com',
  };
  assert.equal(loadWorkerConfig(db).db.poolMax, 2);
  assert.throws(() => loadRelayConfig(db), /PUBSUB_PROJECT is required/);
  assert.equal(loadRelayConfig({ ...db, PUBSUB_PROJECT: 'p' }).pubsubProject, 'p');
});

test('the lifecycle worker takes the S2S settings block the events function takes', () => {
  const env = {
    ...valid,
    DATABASE_URL: 'postgres://ekklesia_worker@127.0.0.1:5432/ekklesia',
    INVOKER_AUDIENCE: 'https://lifecycle-xyz.run.app',
    INVOKER_SERVICE_ACCOUNT: 'pubsub-push@p.iam.gserviceaccount.com',
    REGISTRY_DATABASE_URL: valid.DATABASE_URL,
    LIFECYCLE_CAPACITY: 'log',
    S2S_TIMEOUT_MS: '900',
    S2S_RETRIES: '1',
    S2S_BREAKER_FAILURES: '3',
  };
  const lifecycle = loadLifecycleConfig(env).ballotBox;
  assert.deepEqual(lifecycle, loadEventsConfig(env).ballotBox);
  assert.deepEqual(
    { timeoutMs: lifecycle.timeoutMs, retries: lifecycle.retries, failures: lifecycle.breaker.failures },
    { timeoutMs: 900, retries: 1, failures: 3 },
  );
  assert.throws(() => loadLifecycleConfig({ ...env, LIFECYCLE_CAPACITY: 'google' }), /GCP_PROJECT/);
});

test('the registry side names the CryptoKey its election keys live under, and may name a stand-in', () => {
  assert.deepEqual(loadEventsConfig(valid).kms, { key: valid.KMS_KEY, endpoint: undefined });
  assert.throws(() => loadEventsConfig({ ...valid, KMS_KEY: undefined }), /KMS_KEY is required/);
  assert.throws(
    () => loadEventsConfig({ ...valid, KMS_KEY: 'projects/p/keyRings/r' }),
    /KMS_KEY must name a CryptoKey/,
  );
  assert.equal(
    loadEventsConfig({ ...valid, KMS_ENDPOINT: 'http://127.0.0.1:8090' }).kms.endpoint,
    'http://127.0.0.1:8090',
  );
});

test('a worker names who may call it; the issuer and its keys default to Google', () => {
  const env = {
    DATABASE_URL: 'postgres://ekklesia_worker@127.0.0.1:5432/ekklesia',
    INVOKER_AUDIENCE: 'https://audit-xyz.run.app',
    INVOKER_SERVICE_ACCOUNT: 'pubsub-push@p.iam.gserviceaccount.com',
  };
  assert.deepEqual(loadWorkerConfig(env).invoker, {
    audience: 'https://audit-xyz.run.app',
    serviceAccount: 'pubsub-push@p.iam.gserviceaccount.com',
    issuer: 'https://accounts.google.com',
    jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
  });
  assert.throws(() => loadWorkerConfig({ ...env, INVOKER_AUDIENCE: undefined }), /INVOKER_AUDIENCE is required/);
  assert.throws(
    () => loadWorkerConfig({ ...env, INVOKER_SERVICE_ACCOUNT: 'nobody' }),
    /INVOKER_SERVICE_ACCOUNT must be/,
  );
});

test('the ballot queue: sync needs none; auto and queue need the queue, the handler and the signing account', () => {
  const elections = { DATABASE_URL: valid.DATABASE_URL, S2S_KEYS: valid.S2S_KEYS };
  const sync = loadElectionsConfig(elections);
  assert.equal(sync.ballotMode, 'sync');
  assert.equal(sync.queue, undefined);
  assert.throws(
    () => loadElectionsConfig({ ...elections, BALLOT_MODE: 'auto' }),
    /needs TASKS_QUEUE and TASKS_HANDLER_URL/,
  );
  const queue = {
    TASKS_QUEUE: 'projects/p/locations/europe-west1/queues/ballots',
    TASKS_HANDLER_URL: 'https://ballot-tasks.example/',
  };
  assert.throws(() => loadElectionsConfig({ ...elections, BALLOT_MODE: 'queue', ...queue }), /TASKS_SERVICE_ACCOUNT/);
  const full = loadElectionsConfig({ ...elections, BALLOT_MODE: 'auto', ...queue, TASKS_SERVICE_ACCOUNT: 'sa@p.iam' });
  assert.deepEqual(full.queue, {
    queue: queue.TASKS_QUEUE,
    handlerUrl: queue.TASKS_HANDLER_URL,
    oidc: { serviceAccountEmail: 'sa@p.iam', audience: queue.TASKS_HANDLER_URL },
    endpoint: undefined,
    timeoutMs: 2000,
    concurrency: 32,
  });
  assert.ok(
    loadElectionsConfig({ ...elections, ...queue, TASKS_SERVICE_ACCOUNT: 'sa@p.iam' }).queue,
    'a sync deployment may name a queue for elections that take auto or queue',
  );
  assert.throws(() => loadElectionsConfig({ ...elections, TASKS_QUEUE: 'ballots' }), /TASKS_QUEUE must name a queue/);
  assert.throws(
    () => loadElectionsConfig({ ...elections, TASKS_ENQUEUE_TIMEOUT_MS: '3000' }),
    /TASKS_ENQUEUE_TIMEOUT_MS/,
  );
});
