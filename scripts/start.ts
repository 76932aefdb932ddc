/**
 * `npm start`: the whole system on one machine, nothing to configure.
 * PostgreSQL 15 (data kept in .ekklesia/pg), the Pub/Sub emulator with the
 * project's topics, the dev identity provider, and each function on its own
 * port. A child that dies is restarted (local/processes/supervise.ts), up to three
 * times a minute; Ctrl-C stops every child; a second start while one runs
 * says so.
 */
import { loadLocalStackConfig } from '../local/config.js';
import { topics } from '../schemas/domainEvents.js';
import { startPostgres, urlFor } from '../local/processes/postgres.js';
import { ensureDatabase, migrateDatabase } from '../local/stack/database.js';
import { startEmulator, createTopics, createPushSubscription } from '../local/processes/pubsubEmulator.js';
import path from 'node:path';
import { devAudience, loadOrCreateKeys, startIdp } from '../local/idp/devIdp.js';
import { apiResource } from '../local/idp/oidcProvider.js';
import { buildWebApp } from './buildWeb.js';
import { demoOrg, ensureDemoOrg } from '../local/stack/demoOrg.js';
import { startKmsStandIn } from '../local/standIns/kms.js';
import { ensureBallotQueue, localRetry, localTasks, startTasksProcess } from '../local/standIns/localTasks.js';
import { ensureCryptoKey } from '../local/standIns/kmsKeys.js';
import { startFunction, startWorker, type FunctionProcess } from '../local/processes/functionProcess.js';
import { stablePort } from '../local/processes/freePort.js';
import { startOutboxSweep } from '../local/stack/outboxSweep.js';
import { localInvoker, startPushSigner } from '../local/standIns/pushSigner.js';
import { startTicks } from '../local/standIns/scheduler.js';
import { supervise } from '../local/processes/supervise.js';
import { envFor } from '../local/stack/childEnv.js';
import {
  loadOrCreateSecret,
  readJson,
  recordChild,
  releaseLock,
  livePid,
  stackPaths,
  stopStaleChild,
  takeLock,
  writeJson,
  type LocalJson,
  type StackJson,
} from '../local/stack/stackFiles.js';

// Output piped into a reader that Ctrl-C also stops must not abort the shutdown.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const config = loadLocalStackConfig();
const paths = stackPaths(config.EKKLESIA_DIR);
const host = config.EKKLESIA_HOST;

if (!takeLock(paths.lock)) {
  const local = readJson<LocalJson>(paths.localJson);
  console.log(`The local stack is already running (pid ${livePid(paths.lock)}).`);
  if (local) console.log(`  events ${local.events}\n  elections ${local.elections}\n  details in ${paths.localJson}`);
  process.exit(0);
}

const stops: (() => Promise<void>)[] = [];
let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nstopping the local stack…');
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
    releaseLock(paths.lock);
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const started = Date.now();
  const operatorKey = loadOrCreateSecret(paths.operatorKey);
  const s2sKeys = `local:${loadOrCreateSecret(paths.s2sKey)}`;

  const giveUp = () => void shutdown(1);
  const pgServer = await supervise(
    'PostgreSQL',
    () => startPostgres({ dataDir: paths.pgData, port: config.EKKLESIA_PG_PORT, durable: true }),
    { onGiveUp: giveUp },
  );
  stops.push(pgServer.stop);
  const pg = pgServer.current;
  await ensureDatabase(pg.url, 'ekklesia');
  const databaseUrl = urlFor(pg.url, 'ekklesia');
  const applied = await migrateDatabase(databaseUrl);

  stopStaleChild(paths.emulatorPid);
  // The emulator keeps nothing: once restarted it gets its topics and the workers' push subscriptions again.
  const pushEndpoints = new Map<string, string>();
  const subscribe = async (host: string) => {
    await createTopics(host, config.EKKLESIA_PROJECT, topics);
    for (const [topic, endpoint] of pushEndpoints)
      await createPushSubscription(host, config.EKKLESIA_PROJECT, topic, `${topic}-worker`, endpoint);
  };
  const emulatorServer = await supervise(
    'the Pub/Sub emulator',
    async () => {
      const started = await startEmulator(config.EKKLESIA_PUBSUB_PORT, host);
      recordChild(paths.emulatorPid, started.child.pid);
      return started;
    },
    { onGiveUp: giveUp, afterRestart: (restarted) => subscribe(restarted.host) },
  );
  stops.push(emulatorServer.stop);
  const emulator = emulatorServer.current;
  await subscribe(emulator.host);

  const idpKeys = await loadOrCreateKeys(paths.root);
  // The web app, served by the events function; its sign-in comes back to /app/callback.
  const webDir = await buildWebApp(path.join(paths.root, 'web'));
  const webUrl = `http://${host}:${config.EKKLESIA_EVENTS_PORT}/app/`;
  const idp = await startIdp(idpKeys, config.EKKLESIA_IDP_PORT, host, [`${webUrl}callback`]);
  stops.push(idp.close);

  // Cloud KMS's stand-in: the elections' token secrets are wrapped by key versions kept in its folder.
  const kms = await startKmsStandIn(paths.kms, config.EKKLESIA_KMS_PORT, host);
  stops.push(kms.close);
  const kmsKey = `projects/${config.EKKLESIA_PROJECT}/locations/local/keyRings/ekklesia/cryptoKeys/election-secrets`;
  await ensureCryptoKey(kms.endpoint, kmsKey);
  const kmsEnv = { KMS_KEY: kmsKey, KMS_ENDPOINT: kms.endpoint };

  // Cloud Tasks' stand-in with the ballot queue, for the fallback (BALLOT_MODE auto or queue): a process of its
  // own, its tasks on disk, restarted like the others.
  const tasksServer = await supervise(
    'the Cloud Tasks stand-in',
    () =>
      startTasksProcess({
        keys: idpKeys,
        issuer: idp.issuer,
        dir: paths.tasks,
        port: config.EKKLESIA_TASKS_PORT,
        host,
      }),
    { onGiveUp: giveUp },
  );
  stops.push(tasksServer.stop);
  const tasks = {
    endpoint: tasksServer.current.url,
    queue: await ensureBallotQueue(tasksServer.current.url, config.EKKLESIA_PROJECT, localRetry),
  };

  const shared = {
    LOG_LEVEL: config.LOG_LEVEL,
    EKKLESIA_HOST: host,
    EKKLESIA_SERVE: config.EKKLESIA_SERVE,
    GOOGLE_CLOUD_PROJECT: config.EKKLESIA_PROJECT,
    PUBSUB_EMULATOR_HOST: emulator.host,
    METADATA_SERVER_DETECTION: 'none',
    S2S_KEYS: s2sKeys,
    // Locally every trace is sampled, into one file for `npm run traces` (shared/common/trace).
    TRACE_EXPORTER: config.EKKLESIA_TRACE,
    TRACE_RATIO: '1',
    TRACE_FILE: path.join(paths.root, 'traces.jsonl'),
  };
  /** A function or worker process, restarted when it dies; its first instance names it and its URL. */
  const keepRunning = async <P extends FunctionProcess>(what: string, start: () => Promise<P>): Promise<P> => {
    const supervisor = await supervise(what, start, { onGiveUp: giveUp });
    stops.push(supervisor.stop);
    return supervisor.current;
  };
  const electionsUrl = `http://${host}:${config.EKKLESIA_ELECTIONS_PORT}`;
  const events = await keepRunning('the events function', () =>
    startFunction(
      'events',
      `http://${host}:${config.EKKLESIA_EVENTS_PORT}`,
      envFor('events', {
        ...shared,
        PORT: String(config.EKKLESIA_EVENTS_PORT),
        DATABASE_URL: urlFor(pg.url, 'ekklesia', 'ekklesia_registry', pg.socketDir),
        JWT_ISSUER: idp.issuer,
        JWT_AUDIENCE: devAudience,
        JWKS_URL: idp.jwksUrl,
        OPERATOR_KEY: operatorKey,
        ...kmsEnv,
        ELECTIONS_URL: electionsUrl,
        PUBSUB_PROJECT: config.EKKLESIA_PROJECT,
        WEB_APP_DIR: webDir,
        WEB_RESOURCE: apiResource,
      }),
    ),
  );
  const ballotTasksUrl = `http://${host}:${config.EKKLESIA_BALLOT_TASKS_PORT}`;
  const ballotTasks = await keepRunning('the ballot task handler', () =>
    startFunction(
      'ballotTasks',
      ballotTasksUrl,
      envFor('ballotTasks', {
        ...shared,
        PORT: String(config.EKKLESIA_BALLOT_TASKS_PORT),
        DATABASE_URL: urlFor(pg.url, 'ekklesia', 'ekklesia_ballot_box', pg.socketDir),
        INVOKER_AUDIENCE: localTasks.audience,
        INVOKER_SERVICE_ACCOUNT: localTasks.serviceAccount,
        INVOKER_ISSUER: idp.issuer,
        INVOKER_JWKS_URL: idp.jwksUrl,
      }),
    ),
  );
  const elections = await keepRunning('the elections function', () =>
    startFunction(
      'elections',
      electionsUrl,
      envFor('elections', {
        ...shared,
        PORT: String(config.EKKLESIA_ELECTIONS_PORT),
        DATABASE_URL: urlFor(pg.url, 'ekklesia', 'ekklesia_ballot_box', pg.socketDir),
        PUBSUB_PROJECT: config.EKKLESIA_PROJECT,
        BALLOT_MODE: config.BALLOT_MODE,
        // The web app is served by the events function and casts ballots from the browser.
        CORS_ORIGINS: new URL(webUrl).origin,
        DB_POOL_MAX: String(config.EKKLESIA_ELECTIONS_POOL_MAX),
        DB_PIPELINE_DEPTH: String(config.EKKLESIA_ELECTIONS_PIPELINE_DEPTH),
        TASKS_QUEUE: tasks.queue,
        TASKS_HANDLER_URL: `${ballotTasks.url}/`,
        TASKS_SERVICE_ACCOUNT: localTasks.serviceAccount,
        TASKS_AUDIENCE: localTasks.audience,
        TASKS_ENDPOINT: tasks.endpoint,
      }),
    ),
  );

  // Workers behind push subscriptions, as Pub/Sub delivers to Cloud Run.
  const workers: FunctionProcess[] = [];
  // Who may call the workers: the push service account, here signed by the dev identity provider.
  const invokerEnv = {
    INVOKER_AUDIENCE: localInvoker.audience,
    INVOKER_SERVICE_ACCOUNT: localInvoker.serviceAccount,
    INVOKER_ISSUER: idp.issuer,
    INVOKER_JWKS_URL: idp.jwksUrl,
  };
  for (const topic of topics) {
    const port = await stablePort();
    const worker = await keepRunning(`the ${topic} worker`, () =>
      startWorker(
        topic,
        `http://${host}:${port}`,
        envFor(topic, {
          ...shared,
          PORT: String(port),
          DATABASE_URL: urlFor(pg.url, 'ekklesia', 'ekklesia_worker', pg.socketDir),
          PUBSUB_PROJECT: config.EKKLESIA_PROJECT,
          // No Cloud Run or Cloud SQL to resize here: the lifecycle worker logs what it would ask.
          LIFECYCLE_CAPACITY: 'log',
          ...kmsEnv,
          // Scheduled closing acts as the registry.
          REGISTRY_DATABASE_URL: urlFor(pg.url, 'ekklesia', 'ekklesia_registry', pg.socketDir),
          // The ballot tables' owner, to VACUUM them after each seal.
          MAINTENANCE_DATABASE_URL: urlFor(pg.url, 'ekklesia', 'postgres', pg.socketDir),
          ELECTIONS_URL: electionsUrl,
          ...invokerEnv,
        }),
      ),
    );
    workers.push(worker);
    // Pub/Sub signs its pushes; the emulator does not, so a signer sits between them.
    const signer = await startPushSigner(idpKeys, idp.issuer, worker.url, host);
    stops.push(signer.close);
    pushEndpoints.set(topic, `${signer.url}/`);
    await createPushSubscription(emulator.host, config.EKKLESIA_PROJECT, topic, `${topic}-worker`, `${signer.url}/`);
  }

  stops.push(startTicks(config.EKKLESIA_PROJECT, emulator.host, config.EKKLESIA_TICK_MS));

  stops.push(
    startOutboxSweep(
      urlFor(pg.url, 'ekklesia', 'ekklesia_relay', pg.socketDir),
      config.EKKLESIA_PROJECT,
      emulator.host,
      config.LOG_LEVEL,
    ),
  );

  await ensureDemoOrg(events.url, operatorKey, idpKeys, idp.issuer);
  const stack: StackJson = {
    issuer: idp.issuer,
    jwksUrl: idp.jwksUrl,
    audience: devAudience,
    pubsubEmulatorHost: emulator.host,
    project: config.EKKLESIA_PROJECT,
  };
  writeJson(paths.stackJson, stack);
  // Last: scripts and tests take local.json to mean the stack is up.
  const local: LocalJson = { operatorKey, events: events.url, elections: elections.url, databaseUrl };
  writeJson(paths.localJson, local);

  console.log(`
Ekklesia local stack is up (${((Date.now() - started) / 1000).toFixed(1)} s; migrations applied now: ${applied.length ? applied.join(', ') : 'none'})
  web app              ${webUrl}   (sign in with the development login: pick or type a member)
  demo org             "${demoOrg.name}": sign in as ${demoOrg.chair} (admin) in one window, voter-1 … voter-${demoOrg.voters} in others
  events function      ${events.url}   (${config.EKKLESIA_SERVE})
  elections function   ${elections.url}   (${config.EKKLESIA_SERVE}; ballot mode ${config.BALLOT_MODE})
  ballot task handler  ${ballotTasks.url}   (Cloud Tasks dispatches queued ballots here)
  Cloud Tasks stand-in ${tasks.endpoint}   queue ${tasks.queue} (tasks in ${paths.tasks})
  PostgreSQL 15        ${databaseUrl}   (data in ${paths.pgData})
  Pub/Sub emulator     ${emulator.host}   project ${config.EKKLESIA_PROJECT}, topics ${topics.join(', ')}
  outbox relay         after each change, and a sweep every 2 s
  scheduler ticks      to the lifecycle topic every ${config.EKKLESIA_TICK_MS / 1000} s (Cloud Scheduler's job in production)
${workers.map((w) => `  ${`${w.name} worker`.padEnd(21)}${w.url}   (push subscription ${w.name}-worker)`).join('\n')}
  dev identity (JWKS)  ${idp.jwksUrl}   audience ${devAudience}
  KMS stand-in         ${kms.endpoint}   key ${kmsKey} (material in ${paths.kms})
  operator key         ${operatorKey}
  scripts read         ${paths.localJson}
  a member JWT         npm run -s dev:jwt -- <subject>
A process that dies is restarted (three times a minute at most). Ctrl-C stops everything.`);
} catch (err) {
  console.error(`the local stack could not start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
}
