/**
 * The queue itself failing at the close, under BALLOT_MODE=queue: frozen
 * (it takes the connection and answers nothing) or gone. The chair hears
 * 503 with Retry-After before the seal's deadline, nothing is sealed
 * without the ballots the queue still holds, and once the queue answers
 * again the close seals with every 202 counted.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../../local/wait.js';
import { openElection, seedElection, seedOrg, startHarness, tokenFor, type Harness } from '../../helpers/harness.js';
import type { CastBallotResponse } from '../../../schemas/api.js';
import { countRows } from '../../helpers/db.js';

const sealTimeoutMs = 12_000;
let h: Harness;
const voters = Array.from({ length: 12 }, (_, i) => `v${i}`);

before(async () => {
  h = await startHarness({ ballotMode: 'queue', sealTimeoutMs });
  await seedOrg(
    h,
    'acme',
    voters.map((subject) => ({ subject })),
  );
});
after(() => h.close());

/** An open election with three ballots queued (202) that the handler, stopped, has not applied. */
async function threeQueued(subjects: string[]) {
  const election = await seedElection(h, 'acme');
  await openElection(h, 'acme', election);
  await h.ballotTasks!.kill();
  for (const s of subjects) {
    const { token } = await tokenFor(h, 'acme', election, s);
    const res = await h.vote<CastBallotResponse>('POST', `/v1/elections/${election}/ballots`, {
      auth: token,
      body: { choices: ['yes'] },
    });
    assert.equal(res.status, 202);
  }
  return election;
}

const close = async (election: string) => {
  const started = Date.now();
  const res = await h.call<{ results: { ballotsCast: number } }>('POST', `/v1/orgs/acme/elections/${election}/close`, {
    auth: await h.jwt('alice'),
  });
  return { res, ms: Date.now() - started };
};

async function sealsWithAll(election: string, n: number) {
  let cast = -1;
  await waitFor('the close to seal', 30_000, async () => {
    const { res } = await close(election);
    if (res.status === 200) cast = (await res.json()).results.ballotsCast;
    return res.status === 200;
  });
  assert.equal(cast, n, 'every 202 is in the tally');
  assert.equal(await countRows(h.db.admin)`ballot_box.ballots where election_id = ${election}`, n);
}

for (const [what, breakQueue, mendQueue] of [
  ['frozen', () => h.tasks!.freeze(), async () => h.tasks!.thaw()],
  ['gone', () => h.tasks!.kill(), () => h.tasks!.restart()],
] as const)
  test(`the queue ${what} at the close: 503 with Retry-After before the seal's deadline, then a seal with every 202`, async () => {
    const election = await threeQueued(what === 'frozen' ? voters.slice(0, 3) : voters.slice(3, 6));
    await breakQueue();
    try {
      const { res, ms } = await close(election);
      const body = await res.json();
      assert.equal(res.status, 503, JSON.stringify(body));
      assert.equal(body.code, 'unavailable');
      assert.ok(Number(res.headers.get('retry-after')) >= 1);
      // A liveness bound: the chair hears within the seal's deadline (and the fence), not after the queue's.
      assert.ok(ms < sealTimeoutMs + 3000, `answered after ${ms} ms`);
      const [row] = await h.db.admin<{ status: string }[]>`
        select status from ballot_box.elections where id = ${election}`;
      assert.equal(row?.status, 'closed', 'closed, not sealed without the queued ballots');
      const failed = h.logs.filter((l) => /"status":5\d\d/.test(l) && !/"status":503/.test(l));
      assert.deepEqual(failed, [], 'no request failed with anything but 503');
    } finally {
      await mendQueue();
      await h.ballotTasks!.restart();
    }
    await sealsWithAll(election, 3);
  });
