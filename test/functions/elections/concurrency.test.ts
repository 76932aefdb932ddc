/** The fast path under contention, on the real database. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { countRows } from '../../helpers/db.js';
import type { CastBallotResponse, CloseElectionResponse } from '../../../schemas/api.js';
import { waitFor } from '../../../local/wait.js';
import {
  startHarness,
  seedOrg,
  seedElection,
  openElection,
  tokenFor,
  type Harness,
  type TestResponse,
} from '../../helpers/harness.js';

let h: Harness;
const voters = Array.from({ length: 200 }, (_, i) => `voter-${i}`);
before(async () => {
  h = await startHarness();
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
  }) as Promise<TestResponse<CastBallotResponse>>;

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

test('200 voters casting while the chair closes: whatever the timing, the tally equals the receipts that got a 2xx', async (t) => {
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
  const closing = h.call<CloseElectionResponse>('POST', `/v1/orgs/acme/elections/${id}/close`, {
    auth: await h.jwt('alice'),
  });
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

/** Sessions of this test's database waiting for a lock, whose query matches `pattern`. */
async function waiting(pattern: string): Promise<number> {
  const row = {
    n: await countRows(
      h.db.admin,
    )`pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like ${pattern}`,
  };
  return row?.n ?? 0;
}

test('ballots in flight when the close begins are acknowledged after it began, and counted; later ones are refused', async () => {
  const id = await seedElection(h, 'acme');
  // Two casts held, the seal waiting: the pool (4 connections) keeps one free for the late casts.
  const inFlight = await Promise.all(voters.slice(0, 2).map((v) => tokenFor(h, 'acme', id, v)));
  const late = await Promise.all(voters.slice(5, 8).map((v) => tokenFor(h, 'acme', id, v)));
  await openElection(h, 'acme', id);
  // Fault injection on this test's own database: each ballot insert waits, inside its cast's transaction
  // (so holding the election's shared lock), until the test lets go of an advisory lock.
  const gateKey = 7_000_001;
  await h.db.admin.unsafe(`
    create function ballot_box.hold_cast() returns trigger language plpgsql as $$
    begin perform pg_advisory_xact_lock_shared(${gateKey}); return new; end $$;
    create trigger hold_cast after insert on ballot_box.ballots for each row execute function ballot_box.hold_cast();`);
  const holder = await h.db.admin.reserve();
  try {
    await holder`select pg_advisory_lock(${gateKey})`;
    const casting = inFlight.map(({ token }) =>
      castOverHttp(id, token, ['yes']).then(async (res) => ({
        status: res.status,
        at: performance.now(),
        body: await res.json(),
      })),
    );
    await waitFor(
      'every cast to hold its place, mid-transaction',
      20_000,
      async () => (await waiting('%cast_ballot%')) === inFlight.length,
    );

    const closeBegan = performance.now();
    const closing = h.call<CloseElectionResponse>('POST', `/v1/orgs/acme/elections/${id}/close`, {
      auth: await h.jwt('alice'),
    });
    // The close commits `closed` first, then the seal waits for the casts still in flight.
    await waitFor(
      'the seal to wait for the casts in flight',
      20_000,
      async () => (await waiting('%pg_advisory_xact_lock(hashtextextended%')) === 1,
    );
    const [row] = await h.db.admin`select status from ballot_box.elections where id = ${id}`;
    assert.equal(row?.status, 'closed');
    // One at a time: the pool would pipeline a second one behind a held cast.
    const refused = [];
    for (const { token } of late) refused.push(await castOverHttp(id, token, ['no']));
    assert.deepEqual(
      refused.map((r) => r.status),
      [409, 409, 409],
      'ballots that arrive after the close are refused',
    );

    await holder`select pg_advisory_unlock(${gateKey})`;
    const answers = await Promise.all(casting);
    const closed = await closing;
    assert.equal(closed.status, 200);
    for (const a of answers) {
      assert.equal(a.status, 201, JSON.stringify(a.body));
      assert.ok(a.at > closeBegan, 'acknowledged after the close began');
    }
    const { results } = await closed.json();
    assert.equal(results.ballotsCast, inFlight.length, 'every ballot acknowledged after the close began is counted');
    const stored = await h.db.admin`select receipt from ballot_box.ballots where election_id = ${id} order by receipt`;
    assert.deepEqual(
      stored.map((b) => b.receipt),
      inFlight.map((v) => v.receipt).sort(),
    );
  } finally {
    await holder`select pg_advisory_unlock_all()`;
    holder.release();
    await h.db.admin.unsafe('drop trigger hold_cast on ballot_box.ballots; drop function ballot_box.hold_cast()');
  }
});
