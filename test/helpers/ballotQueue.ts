/**
 * The harness's Cloud Tasks: the local stack's stand-in and queue
 * (local/standIns/localTasks.ts, with shorter backoff), and the ballot task handler
 * it dispatches to, served in-process, which a test may kill and restart.
 */
import { serveBare } from '../../shared/common/http/index.js';
import { loadWorkerConfig } from '../../shared/common/config/index.js';
import { wireBallotTasks } from '../../functions/ballotTasks/wiring.js';
import { localTasks, startLocalTasks } from '../../local/standIns/localTasks.js';
import type { IdpKeys } from '../../local/idp/devIdp.js';
import type { TestDb } from './db.js';

export async function startQueue(db: TestDb, keys: IdpKeys, idp: { issuer: string; jwksUrl: string }) {
  const tasks = await startLocalTasks(keys, idp.issuer, 'ekklesia-test', 0, '127.0.0.1', {
    maxAttempts: -1,
    minBackoff: { nanos: 50e6 },
    maxBackoff: { seconds: 1 },
    maxDoublings: 3,
  });
  const handler = wireBallotTasks(
    loadWorkerConfig({
      DATABASE_URL: db.url('ekklesia_ballot_box'),
      LOG_LEVEL: 'silent',
      INVOKER_AUDIENCE: localTasks.audience,
      INVOKER_SERVICE_ACCOUNT: localTasks.serviceAccount,
      INVOKER_ISSUER: idp.issuer,
      INVOKER_JWKS_URL: idp.jwksUrl,
    }),
  );
  let served = await serveBare(handler.app, 0);
  const port = served.port;
  let running = true;
  return {
    standIn: tasks.standIn,
    handler: {
      /** Closes its server with every connection, requests in flight included, as a killed instance would. */
      kill: async () => {
        running = false;
        await served.close();
      },
      restart: async () => {
        served = await serveBare(handler.app, port);
        running = true;
      },
    },
    env: {
      TASKS_QUEUE: tasks.queue,
      TASKS_HANDLER_URL: `${served.url}/`,
      TASKS_SERVICE_ACCOUNT: localTasks.serviceAccount,
      TASKS_AUDIENCE: localTasks.audience,
      TASKS_ENDPOINT: tasks.standIn.endpoint,
    },
    close: async () => {
      await tasks.standIn.close();
      if (running) await served.close();
      await handler.stop();
    },
  };
}
