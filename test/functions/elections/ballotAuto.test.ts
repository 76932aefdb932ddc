/**
 * BALLOT_MODE=auto: the fast path while the pool has room; with the pool
 * exhausted (a pool of one connection, its one place held, not a sleep), a
 * ballot that would have been 503 is queued (202) instead and is counted by
 * the handler, which has a pool of its own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../../local/wait.js';
import { openElection, seedElection, seedOrg, startHarness, tokenFor, type Harness } from '../../helpers/harness.js';
import type { CastBallotResponse, ReceiptResponse } from '../../../schemas/api.js';

let h: Harness;
before(async () => {
  h = await startHarness({ ballotMode: 'auto', electionsPool: { max: 1, pipelineDepth: 1 }, gateTimeoutMs: 50 });
  await seedOrg(h, 'acme', [{ subject: 'ann' }, { subject: 'ben' }, { subject: 'cid' }]);
});
after(() => h.close());

const cast = (election: string, token: string) =>
  h.vote<CastBallotResponse>('POST', `/v1/elections/${election}/ballots`, { auth: token, body: { choices: ['yes'] } });

test('the fast path while there is room (201); with the pool held, the next ballot is queued (202) and counted', async () => {
  const election = await seedElection(h, 'acme');
  await openElection(h, 'acme', election);
  const [ann, ben, cid] = [
    await tokenFor(h, 'acme', election, 'ann'),
    await tokenFor(h, 'acme', election, 'ben'),
    await tokenFor(h, 'acme', election, 'cid'),
  ];
  const fast = await cast(election, ann.token);
  assert.equal(fast.status, 201);
  assert.deepEqual(await fast.json(), { receipt: ann.receipt, status: 'counted' });

  let release!: () => void;
  const holding = h.electionsDeps.gate.run(() => new Promise<void>((resolve) => (release = resolve)));
  let queued: Response;
  try {
    queued = await cast(election, ben.token);
    assert.equal(h.electionsDeps.gate.stats.inUse, 1, 'the one place was held throughout');
  } finally {
    release();
    await holding;
  }
  assert.equal(queued.status, 202);
  assert.deepEqual(await queued.json(), { receipt: ben.receipt, status: 'queued' });
  await waitFor('the queued ballot to be counted', 10_000, async () => {
    const res = await h.vote<ReceiptResponse>('GET', `/v1/elections/${election}/receipts/${ben.receipt}`);
    return res.status === 200 && (await res.json()).status === 'counted';
  });
  assert.equal((await cast(election, cid.token)).status, 201, 'room again: the fast path');
  const stored = await h.db.admin`select receipt from ballot_box.ballots where election_id = ${election}`;
  assert.deepEqual(stored.map((r) => r.receipt).sort(), [ann.receipt, ben.receipt, cid.receipt].sort());
});

test('with the pool and every enqueue place held, the ballot is refused (503, retry) and nothing is queued; its retry is queued and counted', async () => {
  const election = await seedElection(h, 'acme');
  await openElection(h, 'acme', election);
  const ann = await tokenFor(h, 'acme', election, 'ann');
  const queue = h.electionsDeps.queue!;
  const releases: (() => void)[] = [];
  const hold = (gate: typeof queue.enqueueGate) =>
    gate.run(() => new Promise<void>((resolve) => releases.push(resolve)));
  const held = [
    hold(h.electionsDeps.gate),
    ...Array.from({ length: queue.enqueueGate.size }, () => hold(queue.enqueueGate)),
  ];
  let refused: Response;
  try {
    refused = await cast(election, ann.token);
    assert.deepEqual(queue.enqueueGate.stats, {
      size: queue.enqueueGate.size,
      inUse: queue.enqueueGate.size,
      waiting: 0,
    });
  } finally {
    releases.forEach((release) => release());
    await Promise.all(held);
  }
  assert.equal(refused.status, 503);
  assert.equal(((await refused.json()) as { code: string }).code, 'overloaded');
  assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'the client is told when to retry');
  assert.equal(await queue.ballots.pending(election, 5000), 0, 'no task for a ballot that was refused');

  const retried = await cast(election, ann.token);
  assert.ok(retried.status === 201 || retried.status === 202, `the retry is taken: ${retried.status}`);
  await waitFor('the retried ballot to be counted', 10_000, async () => {
    const rows = await h.db.admin`select 1 from ballot_box.ballots where election_id = ${election}`;
    return rows.length === 1;
  });
  const stored = await h.db.admin`select receipt from ballot_box.ballots where election_id = ${election}`;
  assert.deepEqual(
    stored.map((r) => r.receipt),
    [ann.receipt],
  );
});

test('the close waits for the queue only if a ballot was queued: an election of fast-path ballots seals without reading the queue', async () => {
  const queueUsed = async (id: string) =>
    (await h.db.admin`select queue_used from ballot_box.elections where id = ${id}`)[0]?.queueUsed as boolean;
  const close = async (id: string) =>
    h.call('POST', `/v1/orgs/acme/elections/${id}/close`, { auth: await h.jwt('alice'), body: {} });

  const fastOnly = await seedElection(h, 'acme');
  await openElection(h, 'acme', fastOnly);
  assert.equal((await cast(fastOnly, (await tokenFor(h, 'acme', fastOnly, 'ann')).token)).status, 201);
  assert.equal(await queueUsed(fastOnly), false);
  const listedBefore = (await h.tasks!.stats()).listed;
  assert.equal((await close(fastOnly)).status, 200);
  assert.equal((await h.tasks!.stats()).listed, listedBefore, 'no queue read: nothing was queued for it');

  const queuedFor = await seedElection(h, 'acme');
  await openElection(h, 'acme', queuedFor);
  assert.equal((await cast(queuedFor, (await tokenFor(h, 'acme', queuedFor, 'ann')).token)).status, 201);
  const ben = await tokenFor(h, 'acme', queuedFor, 'ben');
  let release!: () => void;
  const holding = h.electionsDeps.gate.run(() => new Promise<void>((resolve) => (release = resolve)));
  try {
    assert.equal((await cast(queuedFor, ben.token)).status, 202);
  } finally {
    release();
    await holding;
  }
  assert.equal(await queueUsed(queuedFor), true, 'marked before its first enqueue');
  assert.equal((await close(queuedFor)).status, 200);
  assert.ok((await h.tasks!.stats()).listed > listedBefore, 'the close waited for the queue');
  const stored = await h.db.admin`select receipt from ballot_box.ballots where election_id = ${queuedFor}`;
  assert.ok(
    stored.some((r) => r.receipt === ben.receipt),
    'the queued ballot is in the seal',
  );
  assert.equal(stored.length, 2);
});
