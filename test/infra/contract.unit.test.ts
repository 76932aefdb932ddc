/**
 * infra/ against the code: each service's function target is one the code
 * registers; each service's environment is exactly settings its config
 * parses, and parses (every required one is set); topics and the queue
 * carry the names the code uses; the dashboards and alerts name the metrics
 * the design lists; and the connection budget of each environment stays
 * under 80 % of the database's max_connections.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { infraDir, literal, loadTf } from '../../scripts/infra/terraform.js';
import { deployTargets, isDeployTarget } from '../../deploy/targets.js';
import { settingsLoaders, settingsSchemas } from '../../shared/common/config/index.js';
import { topics } from '../../schemas/domainEvents.js';
import { ballotQueueId } from '../../shared/ballot_box/ballotQueue.js';

const modules = (m: string) => loadTf(path.join(infraDir, 'modules', m));
const environments = ['dev', 'prod'] as const;
/** An environment's root: platform (database, queue) or app (sizing, lifecycle policy). */
const root = (env: string, r: 'platform' | 'app') => loadTf(path.join(infraDir, 'environments', env, r));
type Sizing = Record<string, { max_instances: number; db_pool: number; concurrency: number; min_instances: number }>;

test("each service's target is a registered functions-framework target, and every target is deployed", async () => {
  const targets = literal<Record<string, string>>(await modules('services'), 'targets');
  assert.deepEqual(Object.values(targets).sort(), Object.keys(deployTargets).sort());
  for (const target of Object.values(targets)) {
    assert.ok(isDeployTarget(target));
    const file = path.resolve(
      import.meta.dirname,
      '../../deploy',
      deployTargets[target].module.replace(/\.js$/, '.ts'),
    );
    const source = readFileSync(file, 'utf8');
    assert.match(source, new RegExp(`register(Function|Worker)\\(\\s*'${target}'`), `${file} registers ${target}`);
  }
});

/** A value of the setting's shape where the Terraform value is an expression (it is checked by the parse). */
function sample(name: string, value: unknown): string {
  if (typeof value === 'string' && !value.includes('${')) return value;
  if (/DATABASE_URL$/.test(name)) return 'postgres://ekklesia_registry:pw@localhost/ekklesia?host=/cloudsql/p:r:i';
  const table: Record<string, string> = {
    S2S_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64url')}`,
    OPERATOR_KEY: 'o'.repeat(43),
    KMS_KEY: 'projects/p/locations/l/keyRings/r/cryptoKeys/k',
    TASKS_QUEUE: 'projects/p/locations/l/queues/ballots',
    BALLOT_MODE: 'auto',
    LOG_LEVEL: 'info',
    TRACE_EXPORTER: 'cloud',
    CORS_ORIGINS: 'https://ekklesia-prod-events-123.europe-west1.run.app',
  };
  if (table[name]) return table[name];
  if (/_URL$/.test(name)) return 'https://ekklesia-prod-x-123.europe-west1.run.app/';
  if (/SERVICE_ACCOUNT$/.test(name)) return 'sa@p.iam.gserviceaccount.com';
  if (/_AVAILABILITY$/.test(name)) return 'REGIONAL';
  if (/(MAX|INSTANCES?|THRESHOLD|_MS|_S)$/.test(name)) return '2';
  if (/_RATIO$/.test(name)) return '0.01';
  return 'x';
}

test("each service's environment is settings its config knows, and its config parses it", async () => {
  const services = await modules('services');
  const targets = literal<Record<string, string>>(services, 'targets');
  const own = literal<Record<string, Record<string, unknown>>>(services, 'plain_env');
  const common = literal<Record<string, unknown>>(services, 'common_env');
  const invokers = literal<Record<string, unknown>>(services, 'invokers');
  const secret = literal<Record<string, Record<string, unknown>>>(services, 'secret_env');
  // As env.tf merges them: the common settings, the pool, who may call it (an invoked service), its own.
  const plain: Record<string, Record<string, unknown>> = Object.fromEntries(
    Object.keys(targets).map((service) => [
      service,
      {
        ...common,
        FUNCTION_TARGET: '${local.targets[k]}',
        DB_POOL_MAX: '${var.sizing}',
        ...(service in invokers ? { INVOKER_AUDIENCE: 'x', INVOKER_SERVICE_ACCOUNT: '${local.invokers}' } : {}),
        ...own[service],
      },
    ]),
  );
  for (const [service, target] of Object.entries(targets)) {
    assert.ok(isDeployTarget(target));
    assert.ok(service in own, `${service} has its own settings in plain_env`);
    for (const name of Object.keys(own[service] ?? {}))
      assert.ok(!(name in common) && name !== 'DB_POOL_MAX', `${service}: ${name} is set for every service already`);
    const kind = deployTargets[target].settings;
    const known = new Set(Object.keys(settingsSchemas[kind].entries));
    const names = [...Object.keys(plain[service] ?? {}), ...Object.keys(secret[service] ?? {})];
    // FUNCTION_TARGET is the deploy entry's (deploy/entry.ts, loadFunctionTarget), read before any service config;
    // NODE_OPTIONS is Node's own (context frames for tracing, docs/adr/002-tracing.md).
    for (const name of names.filter((n) => n !== 'FUNCTION_TARGET' && n !== 'NODE_OPTIONS'))
      assert.ok(known.has(name), `${service}: ${name} is not a setting of ${kind}`);
    assert.equal(new Set(names).size, names.length, `${service}: a setting set twice`);
    assert.ok(!names.includes('PORT'), 'Cloud Run sets PORT');
    const env = Object.fromEntries([
      ...Object.entries(plain[service] ?? {}).map(([k, v]) => [k, sample(k, v)]),
      ...Object.keys(secret[service] ?? {}).map((k) => [k, sample(k, undefined)]),
    ]);
    assert.doesNotThrow(() => settingsLoaders[kind](env), `${service}'s environment parses as ${kind}`);
  }
});

test('a setting the config does not know, or a required one missing, is caught', () => {
  assert.throws(() => settingsLoaders.worker({ DATABASE_URL: sample('DATABASE_URL', undefined) }), /INVOKER/);
  assert.ok(!('ELECTIONS_URL' in settingsSchemas.worker.entries));
});

test('the topics are the ones the code publishes to, each with a worker and a dead-letter topic', async () => {
  const messaging = await modules('messaging');
  assert.deepEqual(literal<string[]>(messaging, 'topics').sort(), [...topics].sort());
  const delivery = await modules('delivery');
  const declared = literal<Record<string, { worker: string }>>(delivery, 'topics');
  assert.deepEqual(Object.keys(declared).sort(), [...topics].sort());
  const services = literal<Record<string, string>>(await modules('services'), 'targets');
  for (const { worker } of Object.values(declared)) assert.ok(worker in services, `${worker} is a service`);
  const platformServices = literal<string[]>(await modules('platform'), 'services');
  assert.deepEqual(
    [...platformServices].sort(),
    Object.keys(services).sort(),
    "the platform knows every service's URL",
  );
  const sub = delivery.resources.get('google_pubsub_subscription.worker')!;
  assert.equal(sub.name, '${each.key}-worker', 'the local stack names them the same');
  assert.ok(JSON.stringify(sub.dead_letter_policy).includes('dead_letter'));
  assert.ok(JSON.stringify(sub.push_config).includes('oidc_token'));
});

test("the queue's id is the Tasks client's, its rate within Cloud Tasks' limit and the handler's capacity", async () => {
  const queue = (await modules('ballot_queue')).resources.get('google_cloud_tasks_queue.ballots')!;
  assert.equal(queue.name, ballotQueueId);
  for (const env of environments) {
    const q = literal<{ max_dispatches_per_second: number; max_concurrent_dispatches: number }>(
      await root(env, 'platform'),
      'ballot_queue',
    );
    const handler = literal<Sizing>(await root(env, 'app'), 'sizing')['ballot-tasks']!;
    assert.ok(q.max_dispatches_per_second <= 500, `${env}: at most 500/s`);
    assert.ok(
      q.max_concurrent_dispatches <= handler.max_instances * handler.concurrency,
      `${env}: no more dispatches at once than the handler takes`,
    );
  }
});

test("the dashboards are valid JSON and name only metrics the design lists; the seed's four alerts and the pipeline's exist", async () => {
  const designed = [
    'run.googleapis.com/request_count',
    'run.googleapis.com/request_latencies',
    'run.googleapis.com/container/instance_count',
    'cloudsql.googleapis.com/database/postgresql/num_backends',
    'cloudsql.googleapis.com/database/postgresql/transaction_count',
    'cloudsql.googleapis.com/database/cpu/utilization',
    'cloudtasks.googleapis.com/queue/depth',
  ];
  const monitoring = await modules('monitoring');
  const metrics = Object.keys(literal<Record<string, unknown>>(monitoring, 'templates'));
  for (const file of ['elections', 'database']) {
    const text = readFileSync(path.join(infraDir, 'modules/monitoring/dashboards', `${file}.json.tftpl`), 'utf8');
    const used = [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!);
    for (const u of used) assert.ok(metrics.includes(u), `${file}: \${${u}} is a template value`);
    const rendered = text.replace(/\$\{(\w+)\}/g, (_, n: string) =>
      /alert|max_connections/.test(n) ? '80' : `x_${n}`,
    );
    const dashboard = JSON.parse(rendered) as { mosaicLayout: { tiles: unknown[] } };
    assert.ok(dashboard.mosaicLayout.tiles.length >= 4);
    for (const [, type] of rendered.matchAll(/metric\.type=\\"([^\\]+)\\"/g)) {
      assert.ok(designed.includes(type!) || type!.startsWith('logging.googleapis.com/user/x_'), `${file}: ${type}`);
    }
  }
  // What fails out of sight (pipeline_alerts.tf): dead letters, push backlogs, the migration job, /healthz.
  const watched = [
    'pubsub.googleapis.com/subscription/num_undelivered_messages',
    'pubsub.googleapis.com/subscription/oldest_unacked_message_age',
    'run.googleapis.com/job/completed_execution_count',
    'monitoring.googleapis.com/uptime_check/check_passed',
  ];
  const alerts = [...monitoring.resources.keys()].filter((r) => r.startsWith('google_monitoring_alert_policy.'));
  const operations = readFileSync(path.join(infraDir, '..', 'docs', 'OPERATIONS.md'), 'utf8');
  for (const alert of alerts) {
    const text = JSON.stringify(monitoring.resources.get(alert));
    for (const [, type] of text.matchAll(/metric\.type=\\"([^\\]+)\\"/g)) {
      assert.ok(
        designed.includes(type!) || watched.includes(type!) || type!.startsWith('logging.googleapis.com/user/'),
        `${alert}: ${type}`,
      );
    }
    // Each alert's documentation names its section of the runbook, and the section exists.
    const [, section] = /OPERATIONS\.md, \\"([^\\]+)\\"/.exec(text) ?? [];
    assert.ok(section && operations.includes(`**${section}`), `${alert}: its runbook paragraph (${section})`);
  }
  for (const a of [
    'error_rate',
    'latency',
    'connections',
    'lock_waits',
    'dead_letters',
    'push_backlog',
    'scheduler_failed',
    'migration_failed',
    'healthz',
    'key_destroyed_by_events',
  ]) {
    assert.ok(alerts.includes(`google_monitoring_alert_policy.${a}`), a);
  }
  const threshold = (a: string) =>
    (
      monitoring.resources.get(`google_monitoring_alert_policy.${a}`)!.conditions as {
        condition_threshold: { threshold_value: unknown }[];
      }[]
    )[0]!.condition_threshold[0]!.threshold_value;
  assert.equal(threshold('error_rate'), 0.05);
  assert.equal(threshold('latency'), 300);
});

test("the connection budget: every instance at its pool, a rollout's second elections revision, the reserved and the operator's connections stay under 80 % of max_connections", async () => {
  for (const env of environments) {
    const config = await root(env, 'app');
    const sizing = literal<Sizing>(config, 'sizing');
    const { max_connections } = literal<{ max_connections: number }>(await root(env, 'platform'), 'database');
    // The lifecycle worker holds two pools (its own role and the registry's) and one maintenance connection.
    const perInstance = (name: string, s: Sizing[string]) => (name === 'lifecycle' ? 2 * s.db_pool + 1 : s.db_pool);
    const migrationJob = 1;
    // A rollout runs the old and the new revision side by side, each up to its maximum (a revision's limit, which
    // Cloud Run may briefly exceed): the elections service, the largest pool, counted twice.
    const secondRevision = sizing.elections!.max_instances * sizing.elections!.db_pool;
    // PostgreSQL's superuser_reserved_connections (3, Cloud SQL's default), and an operator's proxy sessions.
    const reserved = 3;
    const operator = 2;
    const running = Object.entries(sizing).reduce((n, [name, s]) => n + s.max_instances * perInstance(name, s), 0);
    const budget = running + migrationJob + secondRevision + reserved + operator;
    console.log(
      `${env}: connection budget ${budget} (${running + migrationJob} running, ${secondRevision} a rollout's second ` +
        `elections revision, ${reserved} reserved, ${operator} operator) of max_connections ${max_connections}`,
    );
    assert.ok(budget <= 0.8 * max_connections, `${env}: ${budget} > 80 % of ${max_connections}`);
    const policy = literal<{ warm_min_instances: number }>(config, 'lifecycle_policy');
    assert.ok(policy.warm_min_instances <= sizing.elections!.max_instances, `${env}: warm minimum within the maximum`);
    for (const [name, s] of Object.entries(sizing)) {
      assert.ok(s.min_instances <= s.max_instances, `${env} ${name}`);
      assert.ok(
        s.concurrency > 1 || name === 'relay',
        `${env} ${name}: one request per instance is a connection storm`,
      );
    }
  }
});
