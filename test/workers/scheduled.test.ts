/**
 * The lifecycle worker's scheduled steps, as its tick runs them: an election opened when its opensAt comes and
 * closed and sealed at its closesAt, each once; the token secret shredded after a seal even when KMS was away at
 * the close; and what the worker's role may read for it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeDue, openDue, shredDue } from '../../workers/lifecycle/scheduled.js';
import type { Election } from '../../schemas/api.js';
import { startHarness, seedOrg, type Harness } from '../helpers/harness.js';
import { scheduleDeps, workerDeps } from '../helpers/workers.js';

let h: Harness;
let deps: ReturnType<typeof workerDeps>;
before(async () => {
  h = await startHarness();
  deps = workerDeps(h.db);
  await seedOrg(h, 'acme');
});
after(async () => {
  await deps.sql.end();
  await h.close();
});

test('an open election whose closesAt has passed is closed and sealed by the tick, once', async () => {
  const closing = scheduleDeps(h, deps);
  const created = await h.call<Election>('POST', '/v1/orgs/acme/elections', {
    auth: await h.jwt('alice'),
    body: { title: 'Timed', kind: 'yes_no_abstain' },
  });
  const { id } = await created.json();
  const closesAt = new Date(Date.now() + 60_000);
  const opened = await h.call('POST', `/v1/orgs/acme/elections/${id}/open`, {
    auth: await h.jwt('alice'),
    body: { closesAt: closesAt.toISOString() },
  });
  assert.equal(opened.status, 200);

  assert.equal(await closeDue(closing, new Date(closesAt.getTime() - 1000)), 0, 'not yet');
  assert.equal(await closeDue(closing, new Date(closesAt.getTime() + 1000)), 1);
  assert.equal(await closeDue(closing, new Date(closesAt.getTime() + 2000)), 0, 'already sealed');
  const [registry] = await h.db.admin`select status, results from registry.elections where id = ${id}`;
  const [ballotBoxRow] = await h.db.admin`select status from ballot_box.elections where id = ${id}`;
  assert.equal(registry?.status, 'sealed');
  assert.equal((registry?.results as { ballotsCast: number }).ballotsCast, 0);
  assert.equal(ballotBoxRow?.status, 'sealed');
  const [key] = await h.db.admin`select wrapped, shredded_at from registry.election_keys where election_id = ${id}`;
  assert.deepEqual(
    { wrapped: key?.wrapped, shredded: key?.shreddedAt instanceof Date },
    { wrapped: null, shredded: true },
  );
  assert.equal(
    (
      await h.db
        .admin`select 1 from registry.outbox where type = 'election.sealed' and envelope->'payload'->>'electionId' = ${id}`
    ).length,
    1,
  );
});

test('the worker role sees only which open elections are due and which keys are unshredded, not wrapped keys or options', async () => {
  await assert.rejects(deps.sql`select options from registry.elections`, /permission denied/);
  await assert.rejects(deps.sql`select wrapped from registry.election_keys`, /permission denied/);
});

test('a draft with a schedule is opened when opensAt comes and closed at closesAt', async () => {
  const schedule = scheduleDeps(h, deps);
  const opensAt = new Date(Date.now() + 60_000);
  const closesAt = new Date(Date.now() + 120_000);
  const created = await h.call<Election>('POST', '/v1/orgs/acme/elections', {
    auth: await h.jwt('alice'),
    body: {
      title: 'Scheduled',
      kind: 'yes_no_abstain',
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
    },
  });
  assert.equal(created.status, 201);
  const { id, opensAt: shownOpensAt } = await created.json();
  assert.equal(shownOpensAt, opensAt.toISOString());
  const status = async () => [
    (await h.db.admin`select status from registry.elections where id = ${id}`)[0]?.status,
    (await h.db.admin`select status from ballot_box.elections where id = ${id}`)[0]?.status,
  ];
  assert.equal(await openDue(schedule, new Date(opensAt.getTime() - 1000)), 0);
  assert.deepEqual(await status(), ['draft', 'draft']);
  assert.equal(await openDue(schedule, new Date(opensAt.getTime() + 1000)), 1);
  assert.deepEqual(await status(), ['open', 'open']);
  assert.equal(await openDue(schedule, new Date(opensAt.getTime() + 2000)), 0, 'opened once');
  assert.equal(await closeDue(schedule, new Date(closesAt.getTime() + 1000)), 1);
  assert.deepEqual(await status(), ['sealed', 'sealed']);
  const bad = await h.call('POST', '/v1/orgs/acme/elections', {
    auth: await h.jwt('alice'),
    body: {
      title: 'Backwards',
      kind: 'yes_no_abstain',
      opensAt: closesAt.toISOString(),
      closesAt: opensAt.toISOString(),
    },
  });
  assert.equal(bad.status, 400);
});

test('KMS away at the close: the seal holds, and the next tick shreds the token secret', async () => {
  const schedule = scheduleDeps(h, deps);
  const created = await h.call<Election>('POST', '/v1/orgs/acme/elections', {
    auth: await h.jwt('alice'),
    body: { title: 'Shred later', kind: 'yes_no_abstain' },
  });
  const { id } = await created.json();
  const opened = await h.call('POST', `/v1/orgs/acme/elections/${id}/open`, { auth: await h.jwt('alice'), body: {} });
  assert.equal(opened.status, 200);
  const keyOf = async () =>
    (
      await h.db.admin<
        { wrapped: Buffer | null }[]
      >`select wrapped from registry.election_keys where election_id = ${id}`
    )[0];

  await h.stopKms();
  try {
    const closed = await h.call('POST', `/v1/orgs/acme/elections/${id}/close`, { auth: await h.jwt('alice') });
    assert.equal(closed.status, 200, 'the seal does not wait for KMS');
    assert.ok((await keyOf())?.wrapped, 'not shredded yet');
    assert.equal(await shredDue(schedule), 0, 'KMS still away: nothing shredded, nothing thrown');
  } finally {
    await h.startKms();
  }
  assert.equal(await shredDue(schedule), 1);
  assert.equal((await keyOf())?.wrapped, null);
  assert.equal(await shredDue(schedule), 0, 'done once');
});
