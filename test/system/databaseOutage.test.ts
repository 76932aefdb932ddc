/**
 * PostgreSQL away: both functions answer at once with 503 and Retry-After in
 * the contract's shape (never 500, never a hang), and serve again when it
 * is back, with nothing lost or counted twice. A PostgreSQL server of this
 * file's own is stopped, frozen with SIGSTOP, and killed during a seal
 * (every process at once, as a crashed machine would lose it).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../local/processes/freePort.js';
import { startPostgres, urlFor, type PgServer } from '../../local/processes/postgres.js';
import { migrateDatabase } from '../../local/stack/database.js';
import { waitFor } from '../../local/wait.js';
import { createTestDb, countRows } from '../helpers/db.js';
import {
  openElection,
  operatorKey,
  seedElection,
  seedOrg,
  startHarness,
  tokenFor,
  type Harness,
} from '../helpers/harness.js';
import { contractsOf } from '../helpers/contractCheck.js';
import { eventsApi } from '../../functions/events/app.js';
import { electionsApi, s2sApi } from '../../functions/elections/app.js';
import type { RouteContract } from '../../shared/common/http/contract.js';
import { parseMasterKeys, sign } from '../../shared/common/s2s/index.js';
import { randomUUID } from 'node:crypto';

let root: string;
let port: number;
let server: PgServer;
let h: Harness;
let election: string;
const tokens: string[] = [];

const startServer = () =>
  startPostgres({ dataDir: path.join(root, 'pg', 'data'), port, durable: true, settings: ['max_connections=60'] });

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-outage-'));
  chmodSync(root, 0o755); // the server runs as the postgres user
  port = await freePort();
  server = await startServer();
  const db = await createTestDb({ server: urlFor(server.url, 'postgres'), template: null });
  await migrateDatabase(db.url());
  h = await startHarness({ db, gateTimeoutMs: 250, callTimeoutMs: 1000 });
  await seedOrg(
    h,
    'acme',
    ['m1', 'm2', 'm3'].map((subject) => ({ subject })),
  );
  election = await seedElection(h, 'acme');
  await openElection(h, 'acme', election);
  for (const m of ['m1', 'm2', 'm3']) tokens.push((await tokenFor(h, 'acme', election, m)).token);
});
after(async () => {
  await h.close().catch(() => undefined);
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

type Answer = { what: string; status: number; code: string | undefined; retryAfter: string | null; ms: number };

const eventsRoutes = contractsOf([eventsApi]);
const electionsRoutes = contractsOf([electionsApi, s2sApi]);
/** Routes that answer without the database: the documents. */
const withoutDatabase = (route: RouteContract) => route.tag === 'documents';

/** One request per route of both functions' contracts (a route added later is asked too), as its caller would. */
async function askEverything(): Promise<Answer[]> {
  const jwt = await h.jwt('m3');
  const admin = await h.jwt('alice');
  const fill = (path: string) =>
    path.replace(':org', 'acme').replace(':id', election).replace(':receipt', 'A'.repeat(43));
  const ask = (fn: 'events' | 'elections', route: RouteContract): Promise<Response> => {
    const path = fill(route.path);
    const body = route.body ? (route.example ?? {}) : route.method === 'GET' ? undefined : {};
    if (route.access === 's2s') {
      const raw = body === undefined ? '' : JSON.stringify(body);
      const headers = sign(
        { method: route.method, path, body: raw, idempotencyKey: randomUUID() },
        'acme',
        'k1',
        parseMasterKeys(h.s2sKeys).get('k1')!,
        Math.floor(Date.now() / 1000),
        Date.now() + 2000, // as the events function gives an attempt: its S2S timeout
      );
      return fetch(h.elections.url + path, {
        method: route.method,
        headers: { ...headers, 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { body: raw }),
      });
    }
    const auth = {
      operator: operatorKey,
      ballot: tokens[1],
      ballots: undefined, // the tokens are in the body (the route's example)
      public: undefined,
      admin,
      signedIn: jwt,
      member: jwt,
      voter: jwt,
      s2s: undefined,
    }[route.access];
    const options = { ...(auth ? { auth } : {}), ...(body === undefined ? {} : { body }) };
    return fn === 'events' ? h.call(route.method, path, options) : h.vote(route.method, path, options);
  };
  // All at once, as clients would come: each answer is timed on its own.
  const asked = [
    ...eventsRoutes.map((route) => ['events', route] as const),
    ...electionsRoutes.map((route) => ['elections', route] as const),
  ].filter(([, route]) => !withoutDatabase(route));
  const answers = await Promise.all(
    asked.map(async ([fn, route]): Promise<Answer> => {
      const started = Date.now();
      const res = await ask(fn, route);
      const body = (await res.json().catch(() => ({}))) as { code?: string };
      return {
        what: `${fn} ${route.operationId}`,
        status: res.status,
        code: body.code,
        retryAfter: res.headers.get('retry-after'),
        ms: Date.now() - started,
      };
    }),
  );
  assert.ok(answers.length >= 25, `every route was asked (${answers.length})`);
  return answers;
}

function assertRetryable(answers: Answer[]) {
  for (const a of answers) {
    assert.equal(a.status, 503, `${a.what}: ${JSON.stringify(a)}`);
    assert.ok(a.code === 'unavailable' || a.code === 'overloaded', `${a.what}: ${a.code}`);
    assert.ok(Number(a.retryAfter) >= 1, `${a.what} says when to retry`);
    // A liveness bound, not a measure: a client is not left waiting on a database that is gone.
    assert.ok(a.ms < 6000, `${a.what} answered after ${a.ms} ms`);
  }
}

/**
 * A cast goes through again, and is counted once. (The cast each outage's round asked with the second token may
 * have been answered 503 and committed once the database was back: its transaction is not cancelled, and the
 * voter's retry is answered with the same receipt.)
 */
async function castsAgain() {
  let receipt = '';
  await waitFor('a cast to go through again', 30_000, async () => {
    const res = await h.vote<{ receipt: string }>('POST', `/v1/elections/${election}/ballots`, {
      auth: tokens[0],
      body: { choices: ['yes'] },
    });
    if (res.status === 201 || res.status === 200) receipt = (await res.json()).receipt;
    return receipt !== '';
  });
  const n = await countRows(h.db.admin)`ballot_box.ballots where election_id = ${election} and receipt = ${receipt}`;
  assert.equal(n, 1, 'the ballot is counted once');
}

test('PostgreSQL stopped: every function answers 503 with Retry-After at once, and serves again when it is back', async () => {
  await server.stop();
  assertRetryable(await askEverything());
  server = await startServer();
  await castsAgain();
});

test('PostgreSQL frozen: the answer is still a fast 503, not a hang', async () => {
  const pids = execFileSync('pgrep', ['-u', 'postgres', '-f', path.join(root, 'pg', 'data')])
    .toString()
    .split('\n')
    .filter(Boolean);
  const backends = execFileSync('pgrep', ['-P', pids[0]!]).toString().split('\n').filter(Boolean);
  const all = [...pids, ...backends];
  for (const pid of all) process.kill(Number(pid), 'SIGSTOP');
  try {
    assertRetryable(await askEverything());
  } finally {
    for (const pid of all) process.kill(Number(pid), 'SIGCONT');
  }
  await castsAgain();
});

test('PostgreSQL killed during a seal: no function crashes, and the close completes once it is back', async () => {
  let second = '';
  await waitFor('the events function to serve again after the freeze', 30_000, async () => {
    second = await seedElection(h, 'acme').catch(() => '');
    return second !== '';
  });
  await openElection(h, 'acme', second);
  const { token } = await tokenFor(h, 'acme', second, 'm1');
  const cast = await h.vote('POST', `/v1/elections/${second}/ballots`, { auth: token, body: { choices: ['yes'] } });
  assert.equal(cast.status, 201);
  // The seal waits for the election's advisory lock (held here), so its transaction is open when the server dies.
  const holder = await h.db.admin.reserve();
  await holder`select pg_advisory_lock(hashtextextended(${second}::text, 0))`; // a session lock: kept after release
  holder.release();
  const chair = await h.jwt('alice');
  const closing = h.call('POST', `/v1/orgs/acme/elections/${second}/close`, { auth: chair });
  await waitFor('the seal to wait for the lock', 10_000, async () => {
    const n = await countRows(h.db.admin)`pg_stat_activity
      where wait_event_type = 'Lock' and query like '%pg_advisory_xact_lock%'`;
    return n > 0;
  });
  process.kill(-server.child.pid!, 'SIGKILL'); // the postmaster and every backend at once
  const answered = await closing;
  assert.equal(answered.status, 503, 'the chair is told to retry');
  server = await startServer();
  let results: { status?: string } = {};
  await waitFor('the close to go through again', 30_000, async () => {
    const res = await h.call<{ status?: string }>('POST', `/v1/orgs/acme/elections/${second}/close`, { auth: chair });
    results = await res.json();
    return res.status === 200;
  });
  assert.equal(results.status, 'sealed');
  const [row] = await h.db.admin<{ ballotsCast: number }[]>`
    select ballots_cast from ballot_box.elections where id = ${second}`;
  assert.equal(row?.ballotsCast, 1, 'the acknowledged ballot is counted once');
  await castsAgain();
});
