/** The elections function under overload: a ballot that cannot get a place in time is refused, nothing half-written. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import { countRows } from '../../helpers/db.js';

let h: Harness;
before(async () => {
  h = await startHarness({ gateTimeoutMs: 20 });
  await seedOrg(h, 'acme', [{ subject: 'bob' }]);
});
after(() => h.close());

test('a ballot that cannot get a connection in time is 503 overloaded with Retry-After, and nothing is written', async () => {
  const id = await seedElection(h, 'acme');
  await openElection(h, 'acme', id);
  const { token } = await tokenFor(h, 'acme', id, 'bob');
  await h.vote('GET', `/v1/elections/${id}/turnout`); // caches the definition
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const occupied = Array.from({ length: h.electionsDeps.gate.size }, () => h.electionsDeps.gate.run(() => held));
  const res = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } });
  release();
  await Promise.all(occupied);
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '1');
  assert.equal((await res.json()).code, 'overloaded');
  const n = await countRows(h.db.admin)`ballot_box.ballots where election_id = ${id}`;
  assert.equal(n, 0);
  const retry = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } });
  assert.equal(retry.status, 201, 'the retry goes through once there is room');
});
