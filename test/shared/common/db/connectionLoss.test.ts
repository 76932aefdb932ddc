/**
 * The connection dies inside a transaction, on a PostgreSQL server of this
 * file's own: killed outright (every process at once), or the one backend
 * terminated. The transaction fails with a connection error a caller maps to
 * 503, nothing throws where no caller can catch it (postgres.js 3.4's
 * ROLLBACK onto a closed socket, porsager/postgres#1208), nothing hangs, and
 * the pool serves again and closes cleanly afterwards.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../../local/processes/freePort.js';
import { startPostgres, type PgServer } from '../../../../local/processes/postgres.js';
import { waitFor } from '../../../../local/wait.js';
import {
  createPool,
  databaseUnavailable,
  inOneRoundTrip,
  withTenant,
  type Sql,
} from '../../../../shared/common/db/index.js';
import { withDeadline } from '../../../../shared/common/deadline.js';

let root: string;
let port: number;
let server: PgServer;

const startServer = () => startPostgres({ dataDir: path.join(root, 'data'), port, durable: true });
const pool = () =>
  createPool({ url: server.url, poolMax: 4, connectTimeoutMs: 2000, statementTimeoutMs: 20_000 }, 'connection-loss');

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-connection-loss-'));
  chmodSync(root, 0o755); // the server runs as the postgres user
  port = await freePort();
  server = await startServer();
});
after(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Resolves once a `pg_sleep` of this pool's is running; `observer` is a connection the loss does not touch. */
async function sleeping(observer: Sql): Promise<number> {
  let pid = 0;
  await waitFor('the transaction to be inside its statement', 10_000, async () => {
    const [row] = await observer<{ pid: number }[]>`
      select pid from pg_stat_activity
      where application_name = 'connection-loss' and state = 'active' and query like '%pg_sleep%'`;
    pid = row?.pid ?? 0;
    return pid !== 0;
  });
  return pid;
}

const losses = {
  'the server killed': async () => {
    process.kill(-server.child.pid!, 'SIGKILL'); // the postmaster and every backend at once
    await waitFor(
      'the server to be gone',
      10_000,
      async () => server.child.exitCode !== null || server.child.signalCode !== null,
    );
    server = await startServer();
  },
  'its backend terminated': async (observer: Sql, pid: number) => {
    await observer`select pg_terminate_backend(${pid})`;
  },
};

const transactions = {
  withTenant: (sql: Sql) => withTenant(sql, 'org', (tx) => tx`select pg_sleep(5)`),
  inOneRoundTrip: (sql: Sql) => inOneRoundTrip(sql, { orgId: 'org' }, (c) => c`select pg_sleep(5)`),
};

for (const [lossName, lose] of Object.entries(losses))
  for (const [txName, run] of Object.entries(transactions))
    test(`${txName}, ${lossName}: a connection error, no crash, and the pool serves again`, async () => {
      const sql = pool();
      const observer = createPool(
        { url: server.url, poolMax: 1, connectTimeoutMs: 2000, statementTimeoutMs: 5000 },
        'observer',
      );
      try {
        await Promise.all([1, 2, 3, 4].map(() => withTenant(sql, 'org', (tx) => tx`select 1`))); // every slot connected
        const outcome = withDeadline(run(sql), 15_000, 'the lost transaction').then(
          () => undefined,
          (err: unknown) => err,
        );
        const pid = await sleeping(observer);
        await lose(observer, pid);
        const err = await outcome;
        assert.ok(databaseUnavailable(err), `a connection error, answered 503 by callers: ${String(err)}`);

        // A connection that reconnects may first answer with the error that ended it (postgres.js keeps it over the
        // close): one more 503, never another kind of failure, and then it serves.
        await waitFor('the pool to serve again', 15_000, async () => {
          const again = await Promise.allSettled(
            [1, 2, 3, 4, 5, 6, 7, 8].map(() => withTenant(sql, 'org', (tx) => tx`select 1 as one`)),
          );
          for (const r of again)
            if (r.status === 'rejected') assert.ok(databaseUnavailable(r.reason), `only 503s: ${String(r.reason)}`);
          return again.every((r) => r.status === 'fulfilled');
        });
      } finally {
        await withDeadline(sql.end({ timeout: 5 }), 10_000, 'the pool to close');
        await observer.end();
      }
    });
