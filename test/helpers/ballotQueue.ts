/**
 * The harness's Cloud Tasks: the local stack's stand-in as its own process,
 * its tasks in a folder of the test's own, and the ballot queue
 * (local/standIns/localTasks.ts, with shorter backoff); and the ballot task
 * handler it dispatches to, served in-process. A test may kill and restart
 * either.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveBare } from '../../shared/common/http/index.js';
import { loadWorkerConfig } from '../../shared/common/config/index.js';
import { wireBallotTasks } from '../../functions/ballotTasks/wiring.js';
import {
  ensureBallotQueue,
  localTasks,
  startTasksProcess,
  type TasksProcess,
} from '../../local/standIns/localTasks.js';
import { freePort } from '../../local/processes/freePort.js';
import type { IdpKeys } from '../../local/idp/devIdp.js';
import type { TasksStats } from '../../local/standIns/cloudTasks/index.js';
import type { TestDb } from './db.js';

export type TasksStandIn = {
  endpoint: string;
  stats: () => Promise<TasksStats>;
  /** Kills its process outright (SIGKILL), as a crash would. */
  kill: () => Promise<void>;
  /** Starts it again on the same port and folder. */
  restart: () => Promise<void>;
  /** Freezes its process (SIGSTOP): it takes connections and answers nothing, as an unreachable queue does. */
  freeze: () => void;
  thaw: () => void;
};

export async function startQueue(db: TestDb, keys: IdpKeys, idp: { issuer: string; jwksUrl: string }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-tasks-'));
  const options = { keys, issuer: idp.issuer, dir, port: await freePort(), host: '127.0.0.1' };
  let proc: TasksProcess = await startTasksProcess(options);
  const queue = await ensureBallotQueue(proc.url, 'ekklesia-test', {
    maxAttempts: -1,
    minBackoff: { nanos: 50e6 },
    maxBackoff: { seconds: 1 },
    maxDoublings: 3,
  });
  const standIn: TasksStandIn = {
    endpoint: proc.url,
    stats: () => proc.stats(),
    kill: async () => {
      const exited = new Promise((resolve) => proc.child.once('exit', resolve));
      proc.child.kill('SIGKILL');
      await exited;
    },
    restart: async () => {
      proc = await startTasksProcess(options);
    },
    freeze: () => proc.child.kill('SIGSTOP'),
    thaw: () => proc.child.kill('SIGCONT'),
  };
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
    standIn,
    handler: {
      /** Closes its server with every connection, requests in flight included, as a killed instance would. */
      kill: async () => {
        if (!running) return;
        running = false;
        await served.close();
      },
      /** Serves it again (if it was killed). */
      restart: async () => {
        if (running) return;
        served = await serveBare(handler.app, port);
        running = true;
      },
    },
    env: {
      TASKS_QUEUE: queue,
      TASKS_HANDLER_URL: `${served.url}/`,
      TASKS_SERVICE_ACCOUNT: localTasks.serviceAccount,
      TASKS_AUDIENCE: localTasks.audience,
      TASKS_ENDPOINT: proc.url,
    },
    close: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
      if (running) await served.close();
      await handler.stop();
    },
  };
}
