/**
 * The Cloud Tasks stand-in, driven by the real `@google-cloud/tasks` client
 * (through the ballot queue module), dispatching to a real HTTP server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { startCloudTasksStandIn, type CloudTasksStandIn } from '../../../local/standIns/cloudTasks/index.js';
import { generateKeys, mintJwt } from '../../../local/idp/devIdp.js';
import { waitFor } from '../../../local/wait.js';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBallotQueue, tasksClient, type QueuedBallot } from '../../../shared/ballot_box/ballotQueue.js';

type Received = { headers: Record<string, string | string[] | undefined>; body: QueuedBallot };
let standIn: CloudTasksStandIn;
let target: Server;
let targetUrl: string;
const received: Received[] = [];
/** How the target answers each dispatch, by election; 204 when not set. */
const answer = new Map<string, (attempt: number) => number | Promise<number>>();
let inFlight = 0;
let mostInFlight = 0;

before(async () => {
  const keys = await generateKeys();
  standIn = await startCloudTasksStandIn({
    signOidc: (audience, email) =>
      mintJwt(keys, { issuer: 'https://accounts.google.com', subject: email, audience, claims: { email } }),
  });
  target = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      void (async () => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        const body = JSON.parse(raw) as QueuedBallot;
        received.push({ headers: req.headers, body });
        const attempt = Number(req.headers['x-cloudtasks-taskretrycount']);
        const status = await (answer.get(body.electionId) ?? (() => 204))(attempt);
        inFlight--;
        res.writeHead(status).end();
      })();
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}/`;
});
after(async () => {
  await standIn.close();
  target.closeAllConnections();
  await new Promise((resolve) => target.close(resolve));
});

async function queueWith(
  rate: { perSecond: number; concurrent: number },
  retry = { maxAttempts: 5 },
  on: CloudTasksStandIn = standIn,
) {
  const name = `projects/p/locations/l/queues/q${randomUUID().slice(0, 8)}`;
  const client = await tasksClient(on.endpoint);
  await client.createQueue({
    parent: 'projects/p/locations/l',
    queue: {
      name,
      rateLimits: { maxDispatchesPerSecond: rate.perSecond, maxConcurrentDispatches: rate.concurrent },
      retryConfig: {
        maxAttempts: retry.maxAttempts,
        minBackoff: { nanos: 20e6 },
        maxBackoff: { nanos: 200e6 },
        maxDoublings: 2,
      },
    },
  });
  await client.close();
  return createBallotQueue({
    queue: name,
    handlerUrl: targetUrl,
    endpoint: on.endpoint,
    oidc: { serviceAccountEmail: 'tasks@p.iam.gserviceaccount.com', audience: 'ballot-handler' },
    timeoutMs: 5000,
    concurrency: 32,
  });
}

const ballot = (electionId: string, n = 0): QueuedBallot => ({
  orgId: 'acme',
  electionId,
  tokenHash: `hash-${n}`,
  receipt: `receipt-${n}`,
  choices: ['yes'],
  queuedAt: Date.now(),
});

test('a task is dispatched with an OIDC token and the queue headers; the same ballot again is one task', async () => {
  const queue = await queueWith({ perSecond: 100, concurrent: 10 });
  const election = randomUUID();
  let release!: () => void;
  const held = new Promise<number>((resolve) => (release = () => resolve(204)));
  answer.set(election, () => held);
  assert.equal(await queue.enqueue(ballot(election)), 'queued');
  assert.equal(await queue.enqueue(ballot(election)), 'already', 'while it waits');
  await waitFor('the dispatch', 5000, async () => received.some((r) => r.body.electionId === election));
  assert.equal(await queue.pending(election, 5000), 1);
  release();
  await waitFor('the task to be done', 5000, async () => (await queue.pending(election, 5000)) === 0);
  assert.equal(await queue.enqueue(ballot(election)), 'already', 'after it was done: the name is still taken');
  const got = received.filter((r) => r.body.electionId === election);
  assert.equal(got.length, 1);
  assert.deepEqual({ ...got[0]!.body, queuedAt: 0 }, { ...ballot(election), queuedAt: 0 });
  const claims = decodeJwt(String(got[0]!.headers.authorization).replace(/^Bearer /, ''));
  assert.equal(claims.aud, 'ballot-handler');
  assert.equal(claims.email, 'tasks@p.iam.gserviceaccount.com');
  assert.match(String(got[0]!.headers['x-cloudtasks-taskname']), new RegExp(`^${election}-`));
  await queue.close();
});

test('a failing dispatch is retried with backoff until it succeeds; one that keeps failing stops at maxAttempts', async () => {
  const queue = await queueWith({ perSecond: 100, concurrent: 10 }, { maxAttempts: 4 });
  const flaky = randomUUID();
  answer.set(flaky, (attempt) => (attempt < 2 ? 503 : 200));
  const broken = randomUUID();
  answer.set(broken, () => 500);
  await queue.enqueue(ballot(flaky));
  await queue.enqueue(ballot(broken));
  await waitFor(
    'both to leave the queue',
    10_000,
    async () => (await queue.pending(flaky, 5000)) + (await queue.pending(broken, 5000)) === 0,
  );
  assert.deepEqual(
    received.filter((r) => r.body.electionId === flaky).map((r) => r.headers['x-cloudtasks-taskretrycount']),
    ['0', '1', '2'],
  );
  assert.equal(received.filter((r) => r.body.electionId === broken).length, 4);
  await queue.close();
});

test('no more dispatches at once than maxConcurrentDispatches', async () => {
  const queue = await queueWith({ perSecond: 500, concurrent: 2 });
  const election = randomUUID();
  const waiting: (() => void)[] = [];
  answer.set(election, () => new Promise<number>((resolve) => waiting.push(() => resolve(204))));
  mostInFlight = 0;
  for (let n = 0; n < 8; n++) await queue.enqueue(ballot(election, n));
  let done = 0;
  while (done < 8) {
    await waitFor('a dispatch to wait', 5000, async () => waiting.length > 0);
    assert.ok(inFlight <= 2, `${inFlight} in flight`);
    waiting.shift()!();
    done++;
  }
  await waitFor('the queue to empty', 5000, async () => (await queue.pending(election, 5000)) === 0);
  assert.equal(mostInFlight, 2);
  await queue.close();
});

test('dispatches keep to maxDispatchesPerSecond after the first burst', async () => {
  const queue = await queueWith({ perSecond: 5, concurrent: 100 });
  const election = randomUUID();
  const at: number[] = [];
  answer.set(election, () => {
    at.push(Date.now());
    return 204;
  });
  for (let n = 0; n < 10; n++) await queue.enqueue(ballot(election, n));
  await waitFor('the queue to empty', 10_000, async () => (await queue.pending(election, 5000)) === 0);
  assert.equal(at.length, 10);
  // A burst of 5, then 5 more at 5 a second: a lower bound, which a slow machine only lengthens.
  assert.ok(at[9]! - at[0]! >= 800, `10 dispatches within ${at[9]! - at[0]!} ms`);
  await queue.close();
});

test('with a folder, the tasks it accepted outlive it: dispatched once it is back; a torn last line is dropped', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-tasks-unit-'));
  const signOidc = async () => 'token';
  const election = randomUUID();
  let first: CloudTasksStandIn | undefined = await startCloudTasksStandIn({ dataDir: dir, signOidc });
  let second: CloudTasksStandIn | undefined;
  try {
    answer.set(election, () => 503); // nothing is done while the first runs
    const queue = await queueWith({ perSecond: 100, concurrent: 10 }, { maxAttempts: -1 }, first);
    for (const n of [1, 2, 3]) assert.equal(await queue.enqueue(ballot(election, n)), 'queued');
    await queue.close();
    await first.close();
    first = undefined;
    const file = path.join(dir, 'tasks.ndjson');
    const kept = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"op":"task"'));
    assert.equal(kept.length, 3, 'each task on disk before it was answered');
    appendFileSync(file, '{"op":"task","queue":"projects/p/locations/l/queues/torn","ta'); // a kill mid-write

    answer.set(election, () => 204);
    const before = received.filter((r) => r.body.electionId === election).length;
    second = await startCloudTasksStandIn({ dataDir: dir, signOidc });
    await waitFor('the kept tasks to be dispatched and done', 5000, async () => second!.stats().inQueue === 0);
    const done = received.filter((r) => r.body.electionId === election).slice(before);
    assert.deepEqual(done.map((r) => r.body.receipt).sort(), ['receipt-1', 'receipt-2', 'receipt-3']);
  } finally {
    await first?.close();
    await second?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
