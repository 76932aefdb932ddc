/** The fast path under contention, on the real database. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../local/wait.js';
import {
  startEventsHarness,
  seedOrg,
  seedElection,
  openElection,
  tokenFor,
  type EventsHarness,
  type TestResponse,
} from '../helpers/events.js';

let h: EventsHarness;
const voters = Array.from({ length: 200 }, (_, i) => `voter-${i}`);
before(async () => {
  h = await startEventsHarness();
  await seedOrg(
    h,
    'acme',
    voters.map((subject) => ({ subject })),
  );
});
after(() => h.close());

/** Real HTTP to the served elections app, so requests truly run side by side. */
const castOverHttp = (election: string, token: string, choices: string[]) =>
  fetch(`${h.elections.url}/v1/elections/${election}/ballots`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ choices }),
  }) as Promise<TestResponse>;

test('50 parallel casts with one token: exactly one ballot; every answer 201/200 with its receipt, or 423', async (t) => {
  const id = await seedElection(h, 'acme');
  await openElection(h, 'acme', id);
  const { token, receipt } = await tokenFor(h, 'acme', id, 'voter-0');
  const answers = await Promise.all(Array.from({ length: 50 }, () => castOverHttp(id, token, ['yes'])));
  const statuses = answers.map((r) => r.status);
  for (const res of answers) {
    const body = await res.json();
    if (res.status === 423) {
      assert.equal(body.code, 'busy');
      assert.equal(res.headers.get('retry-after'), '1');
    } else {
      assert.ok(res.status === 201 || res.status === 200, `unexpected ${res.status} ${JSON.stringify(body)}`);
      assert.equal(body.receipt, receipt);
    }
  }
  assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
  t.diagnostic(
    `201: 1, 200: ${statuses.filter((s) => s === 200).length}, 423: ${statuses.filter((s) => s === 423).length}`,
  );
  const rows = await h.db.admin`select receipt from ballot_box.ballots where election_id = ${id}`;
  assert.deepEqual(
    rows.map((r) => r.receipt),
    [receipt],
  );
});

test('200 voters at once, racing the close: the tally equals the receipts that got a 2xx', async (t) => {
  const id = await seedElection(h, 'acme');
  const tokens: { token: string; receipt: string }[] = [];
  for (let i = 0; i < voters.length; i += 20) {
    tokens.push(...(await Promise.all(voters.slice(i, i + 20).map((v) => tokenFor(h, 'acme', id, v)))));
  }
  await openElection(h, 'acme', id);
  const choices = ['yes', 'no', 'abstain'];
  let answered = 0;
  const casting = tokens.map(({ token }, i) =>
    castOverHttp(id, token, [choices[i % 3]!]).then(async (res) => {
      answered++;
      return { status: res.status, body: await res.json(), choice: choices[i % 3]! };
    }),
  );
  // Close while ballots are still arriving: whatever was acknowledged must be counted.
  await waitFor('the first answers', 30_000, async () => answered >= 20, 1);
  const closing = h.call('POST', `/v1/orgs/acme/elections/${id}/close`, { auth: await h.jwt('alice') });
  const answers = await Promise.all(casting);
  const closed = await closing;
  assert.equal(closed.status, 200);
  const { results } = await closed.json();

  const acknowledged = answers.filter((a) => a.status === 201 || a.status === 200);
  assert.ok(acknowledged.length >= 20, 'ballots acknowledged before the close are there');
  t.diagnostic(`acknowledged ${acknowledged.length}, refused after the close ${answers.length - acknowledged.length}`);
  for (const a of answers.filter((x) => x.status >= 300))
    assert.equal(a.body.code, 'election_not_open', JSON.stringify(a));
  assert.equal(results.ballotsCast, acknowledged.length);
  const expected = new Map(choices.map((c) => [c, acknowledged.filter((a) => a.choice === c).length]));
  for (const option of results.options) assert.equal(option.votes, expected.get(option.id), option.id);
  const stored = await h.db.admin<
    { receipt: string; choices: string[] }[]
  >`select receipt, choices from ballot_box.ballots where election_id = ${id}`;
  const byReceipt = new Map(stored.map((b) => [b.receipt, b.choices.join(',')]));
  assert.equal(stored.length, acknowledged.length);
  for (const a of acknowledged) assert.equal(byReceipt.get(a.body.receipt), a.choice);
});
