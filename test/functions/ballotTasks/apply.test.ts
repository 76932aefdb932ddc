/**
 * The ballot task handler against a real PostgreSQL: who may call it, what
 * counts, what is final (2xx) and what Cloud Tasks must retry.
 */
import { test, before, after } from 'node:test';
import { workerSettings } from '../../helpers/workers.js';
import assert from 'node:assert/strict';
import { loadWorkerConfig } from '../../../shared/common/config/index.js';
import { receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import { queueFenceMs } from '../../../shared/ballot_box/ballotQueue.js';
import { mintJwt } from '../../../local/idp/devIdp.js';
import { wireBallotTasks } from '../../../functions/ballotTasks/wiring.js';
import type { HttpDeployable } from '../../../shared/common/http/index.js';
import type { QueuedBallot } from '../../../schemas/ballotTask.js';
import {
  openElection,
  seedElection,
  seedOrg,
  startHarness,
  tokenFor,
  type Harness,
  seedOpenChoice,
} from '../../helpers/harness.js';

const invoker = { audience: 'https://ballot-tasks.example/', serviceAccount: 'tasks@ekklesia.iam.gserviceaccount.com' };
let h: Harness;
let handler: HttpDeployable;
let election: string;

before(async () => {
  h = await startHarness();
  handler = wireBallotTasks(loadWorkerConfig(workerSettings(h, { ...invoker, role: 'ekklesia_ballot_box' })));
  await seedOrg(
    h,
    'acme',
    ['ann', 'ben', 'cid', 'dee', 'eve', 'fay'].map((subject) => ({ subject })),
  );
  election = await seedElection(h, 'acme');
  await openElection(h, 'acme', election);
});
after(async () => {
  await handler.stop();
  await h.close();
});

const tasksToken = () =>
  mintJwt(h.keys, {
    issuer: h.issuer,
    subject: invoker.serviceAccount,
    audience: invoker.audience,
    claims: { email: invoker.serviceAccount, email_verified: true },
  });

async function queued(subject: string, choices = ['yes'], queuedAt = Date.now()): Promise<QueuedBallot> {
  const { token } = await tokenFor(h, 'acme', election, subject);
  return {
    orgId: 'acme',
    electionId: election,
    tokenHash: tokenHash(token).toString('base64url'),
    receipt: receiptFor(token),
    choices,
    queuedAt,
  };
}

const dispatch = async (body: unknown, auth?: string) =>
  handler.app.request('/', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth === '' ? {} : { authorization: `Bearer ${auth ?? (await tasksToken())}` }),
    },
    body: JSON.stringify(body),
  });

const stored = async (receipt: string) =>
  (await h.db.admin<{ choices: string[] }[]>`select choices from ballot_box.ballots where receipt = ${receipt}`).map(
    (r) => r.choices,
  );

test('only Cloud Tasks may dispatch: no token, or a member JWT, is 401 and counts nothing', async () => {
  const ballot = await queued('ann');
  assert.equal((await dispatch(ballot, '')).status, 401);
  assert.equal((await dispatch(ballot, await h.jwt('ann'))).status, 401);
  assert.deepEqual(await stored(ballot.receipt), []);
});

test('a queued ballot is counted once; its retry is done; the same token with other choices is final and keeps the first', async () => {
  const ballot = await queued('ben');
  assert.equal((await dispatch(ballot)).status, 204);
  assert.equal((await dispatch(ballot)).status, 204, 'a redelivery of the task');
  assert.equal((await dispatch({ ...ballot, choices: ['no'] })).status, 204, 'never retried forever');
  assert.deepEqual(await stored(ballot.receipt), [['yes']]);
});

test('after the close: a ballot queued before it (within the fence) counts, one queued later does not', async () => {
  const inTime = await queued('cid', ['no']);
  const late = await queued('dee', ['no']);
  await h.db.admin`update ballot_box.elections set status = 'closed', closed_at = now() where id = ${election}`;
  try {
    const [{ closedAt }] = (await h.db
      .admin`select closed_at from ballot_box.elections where id = ${election}`) as unknown as [{ closedAt: Date }];
    assert.equal((await dispatch({ ...inTime, queuedAt: closedAt.getTime() - 1 })).status, 204);
    assert.equal((await dispatch({ ...late, queuedAt: closedAt.getTime() + queueFenceMs + 1000 })).status, 204);
    assert.deepEqual(await stored(inTime.receipt), [['no']]);
    assert.deepEqual(await stored(late.receipt), []);
  } finally {
    await h.db.admin`update ballot_box.elections set status = 'open', closed_at = null where id = ${election}`;
  }
});

test('a token another cast holds is retried (423), then counted', async () => {
  const ballot = await queued('eve');
  const holder = await h.db.admin.reserve();
  try {
    await holder`begin`;
    await holder`select 1 from ballot_box.tokens where token_hash = ${Buffer.from(ballot.tokenHash, 'base64url')} for update`;
    const busy = await dispatch(ballot);
    assert.equal(busy.status, 423);
    assert.equal(((await busy.json()) as { code: string }).code, 'busy');
  } finally {
    await holder`rollback`;
    holder.release();
  }
  assert.equal((await dispatch(ballot)).status, 204);
  assert.deepEqual(await stored(ballot.receipt), [['yes']]);
});

test('a task that is not a queued ballot is dropped (204), not retried, and writes nothing', async () => {
  const ballot = await queued('fay');
  const before = await h.db.admin`select count(*)::int as n from ballot_box.ballots`;
  for (const bad of [
    { ...ballot, subject: 'fay' },
    { ...ballot, tokenHash: 'x' },
    { ...ballot, choices: [] },
    { ...ballot, choices: ['yes\u0000'] },
    { ...ballot, orgId: 'other' },
    'nonsense',
  ])
    assert.equal((await dispatch(bad)).status, 204);
  for (const raw of ['{"not json', '{"choices":["\\u0000"]}', 'x'.repeat(70_000)]) {
    const res = await handler.app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tasksToken()}` },
      body: raw,
    });
    assert.equal(res.status, 204, `dropped, not retried: ${raw.slice(0, 20)}`);
  }
  assert.deepEqual(await h.db.admin`select count(*)::int as n from ballot_box.ballots`, before);
});

test('a task whose choices its election refuses ([x,x,x] on a single choice, an unknown option) counts nothing and is done', async () => {
  const single = await seedOpenChoice(h, 'acme', 'Chair', ['x', 'y']);
  const { token } = await tokenFor(h, 'acme', single, 'ann');
  const base = {
    orgId: 'acme',
    electionId: single,
    tokenHash: tokenHash(token).toString('base64url'),
    receipt: receiptFor(token),
    queuedAt: Date.now(),
  };
  for (const choices of [['x', 'x', 'x'], ['x', 'y'], ['zebra']])
    assert.equal((await dispatch({ ...base, choices })).status, 204, JSON.stringify(choices));
  assert.deepEqual(await stored(base.receipt), [], 'nothing counted');
  const [token_] = await h.db.admin<{ used: boolean }[]>`
    select used from ballot_box.tokens where token_hash = ${tokenHash(token)}`;
  assert.equal(token_?.used, false, "the token is still the voter's to use");
  assert.equal((await dispatch({ ...base, choices: ['y'] })).status, 204);
  assert.deepEqual(await stored(base.receipt), [['y']]);
});
