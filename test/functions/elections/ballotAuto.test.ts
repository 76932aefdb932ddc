/**
 * BALLOT_MODE=auto: the fast path while the pool has room; with the pool
 * exhausted (a pool of one connection, its one place held, not a sleep), a
 * ballot that would have been 503 is queued (202) instead and is counted by
 * the handler, which has a pool of its own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../../local/wait.js';
import type { CastBallotResponse } from '../../../functions/elections/routes/castBallot.js';
import type { ReceiptResponse } from '../../../functions/elections/routes/receipts.js';
import { openElection, seedElection, seedOrg, startHarness, tokenFor, type Harness } from '../../helpers/harness.js';

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
