/**
 * One cast for many tokens (POST /v1/elections/{id}/ballots/batch) on real
 * PostgreSQL: a proxy holder splits their own and their delegators' units
 * 70/40 in one transaction, one receipt per token (the members' heads go
 * with the larger part); the same batch again is
 * counted once; a batch with one token refused stores nothing; a split the
 * denominations cannot make is refused; and a batch racing the close is
 * either counted whole or not at all.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import type { CastBatchResponse, CloseElectionResponse } from '../../../schemas/api.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'conf', [
    { subject: 'holder', weight: 10 },
    { subject: 'del70', weight: 70 },
    { subject: 'del30', weight: 30 },
    { subject: 'solo', weight: 1 },
  ]);
  const roster = await h.call('PUT', '/v1/orgs/conf/members', {
    auth: await h.jwt('alice'),
    body: {
      members: ['del70', 'del30'].map((subject) => ({
        subject,
        role: 'member',
        status: 'active',
        delegateTo: 'holder',
      })),
    },
  });
  assert.equal(roster.status, 200);
});
after(() => h.close());

/** An open weighted election and every token the holder holds in it (own and delegators'). */
async function heldTokens(title: string): Promise<{ id: string; tokens: string[] }> {
  const id = await seedElection(h, 'conf', { title, kind: 'yes_no_abstain', weights: { anonymityK: 1 } });
  await openElection(h, 'conf', id);
  const answer = await tokenFor(h, 'conf', id, 'holder');
  const members: { token: string; tokens?: { token: string }[] | undefined }[] = [answer, ...answer.proxies!];
  return { id, tokens: members.flatMap((m) => (m.tokens ?? [m]).map((t) => t.token)) };
}
const batch = (id: string, body: unknown) =>
  h.vote<CastBatchResponse>('POST', `/v1/elections/${id}/ballots/batch`, { body });
const stored = async (id: string) =>
  (
    await h.db.admin<{ choice: string; ballots: number; units: number }[]>`
      select choices[1] as choice, count(*)::int as ballots, sum(units)::int as units
      from ballot_box.ballots where election_id = ${id} group by 1 order by 1`
  ).map((r) => [r.choice, r.ballots, r.units]);

test('a holder splits 110 units 70/40 in one batch; the same batch again is counted once', async () => {
  const { id, tokens } = await heldTokens('Split');
  const first = await batch(id, { tokens, split: { yes: 70, no: 40 } });
  assert.equal(first.status, 201);
  const answer = await first.json();
  assert.equal(answer.ballots.length, tokens.length);
  assert.deepEqual(await stored(id), [
    ['no', 4, 40],
    ['yes', 10, 70], // seven ballots of units and the three members' heads, with the largest part
  ]);
  const again = await batch(id, { tokens, split: { yes: 70, no: 40 } });
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), answer, 'the same receipts and choices');
  assert.deepEqual(await stored(id), [
    ['no', 4, 40],
    ['yes', 10, 70],
  ]);
  const closed = await h.call<CloseElectionResponse>('POST', `/v1/orgs/conf/elections/${id}/close`, {
    auth: await h.jwt('alice'),
    body: {},
  });
  const { results } = await closed.json();
  assert.deepEqual(
    results.options.map((o) => [o.id, o.units]),
    [
      ['yes', 70],
      ['no', 40],
      ['abstain', 0],
    ],
  );
  assert.deepEqual([results.voters, results.eligibleVoters], [3, 5]);
});

test('a batch with one token refused stores nothing; a split the ballots cannot make is refused', async () => {
  const { id, tokens } = await heldTokens('Refusals');
  // One of the tokens votes alone first, with other choices: the batch is refused whole.
  assert.equal(
    (await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: tokens[3]!, body: { choices: ['no'] } })).status,
    201,
  );
  const refused = await batch(id, { tokens, choices: ['yes'] });
  assert.equal(refused.status, 409);
  assert.equal((await refused.json()).code, 'already_voted');
  assert.deepEqual(await stored(id), [['no', 1, 10]], 'nothing of the batch');
  const stranger = await batch(id, { tokens: [tokens[0]!, 'x'.repeat(43)], choices: ['yes'] });
  assert.equal(stranger.status, 401);
  assert.deepEqual(await stored(id), [['no', 1, 10]]);
  const impossible = await h.vote('POST', `/v1/elections/${id}/ballots/batch`, {
    body: { tokens: [tokens[0]!], split: { yes: 7, no: 3 } },
  });
  assert.equal(impossible.status, 400);
  assert.match((await impossible.json()).message, /cannot make this split/);
  const both = await batch(id, { tokens: [tokens[0]!], choices: ['yes'], split: { yes: 10 } });
  assert.equal(both.status, 400);
});

test('a batch racing the close is counted whole or not at all', async () => {
  for (let round = 0; round < 3; round++) {
    const { id, tokens } = await heldTokens(`Race ${round}`);
    const [cast] = await Promise.all([
      batch(id, { tokens, choices: ['yes'] }),
      h.call('POST', `/v1/orgs/conf/elections/${id}/close`, { auth: await h.jwt('alice'), body: {} }),
    ]);
    const results = await h.vote<{ tally: { option: string; units?: number }[] }>('GET', `/v1/elections/${id}/results`);
    const yes = (await results.json()).tally.find((t) => t.option === 'yes')!.units;
    if (cast.status === 201) assert.equal(yes, 110, 'counted whole');
    else {
      assert.equal(cast.status, 409, `round ${round}: ${cast.status}`);
      assert.equal(yes, 0, 'not at all');
    }
  }
});
