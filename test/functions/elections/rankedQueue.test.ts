/**
 * A ranked election under BALLOT_MODE=queue (the Cloud Tasks stand-in, the
 * ballot task handler, a real PostgreSQL): a ranking that breaks the rules is
 * refused before it is queued (400, nothing queued or stored); a queued
 * ranking is applied in the voter's order, not the options' order; the close
 * waits for the queue and seals the STV count over every ranking.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../../local/wait.js';
import { openElection, seedElection, seedOrg, startHarness, tokenFor, type Harness } from '../../helpers/harness.js';
import type { CastBallotResponse, CloseElectionResponse } from '../../../schemas/api.js';

let h: Harness;
const voters = ['v1', 'v2', 'v3', 'v4', 'v5'];
before(async () => {
  h = await startHarness({ ballotMode: 'queue' });
  await seedOrg(
    h,
    'acme',
    voters.map((subject) => ({ subject })),
  );
});
after(() => h.close());

test('rankings through the queue: refused before queueing, applied in the voter order, counted at the seal', async () => {
  const election = await seedElection(h, 'acme', {
    title: 'Committee',
    kind: 'ranked',
    options: ['a', 'b', 'c'].map((id) => ({ id, label: id.toUpperCase() })),
    ranked: { method: 'stv.scottish', seats: 1 },
  });
  await openElection(h, 'acme', election);
  const tokens = await Promise.all(voters.map(async (v) => (await tokenFor(h, 'acme', election, v)).token));
  const cast = (token: string, choices: string[]) =>
    h.vote<CastBallotResponse>('POST', `/v1/elections/${election}/ballots`, { auth: token, body: { choices } });

  const refused = await cast(tokens[0]!, ['c', 'c']);
  assert.equal(refused.status, 400);
  assert.equal(((await refused.json()) as unknown as { code: string }).code, 'invalid_choices');

  // IRV: c 2, b 2, a 1; a goes and their paper moves to c (3 of 5).
  const rankings = [['c', 'a'], ['c'], ['b', 'a'], ['b'], ['a', 'c']];
  for (const [i, ranking] of rankings.entries()) assert.equal((await cast(tokens[i]!, ranking)).status, 202);
  const stored = async () =>
    (
      await h.db.admin<{ choices: string[] }[]>`select choices from ballot_box.ballots where election_id = ${election}`
    ).map((b) => b.choices.join('>'));
  await waitFor('the queue applied', 15_000, async () => (await stored()).length === rankings.length);
  assert.deepEqual((await stored()).sort(), rankings.map((r) => r.join('>')).sort());

  const closed = await h.call<CloseElectionResponse>('POST', `/v1/orgs/acme/elections/${election}/close`, {
    auth: await h.jwt('alice'),
    body: {},
  });
  assert.equal(closed.status, 200);
  const count = (await closed.json()).results.ranked!;
  assert.deepEqual(count.elected, ['c']);
  assert.deepEqual(
    count.stv!.stages.map((s) => s.action),
    [{ kind: 'first' }, { kind: 'exclusion', candidate: 'a' }],
  );
});
