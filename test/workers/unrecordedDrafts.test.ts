/**
 * A creation that fails after the ballot box registered its definition (the
 * registry could not store the election) leaves a draft nobody knows; the
 * lifecycle worker's tick has the ballot box forget it once it is older than
 * any creation takes, and keeps one a retry is still recording.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Election } from '../../schemas/api.js';
import { startHarness, seedOrg, type Harness } from '../helpers/harness.js';
import { scheduleDeps, workerDeps } from '../helpers/workers.js';
import { forgetUnrecorded, type ScheduleDeps } from '../../workers/lifecycle/scheduled.js';

let h: Harness;
let worker: ReturnType<typeof workerDeps>;
let schedule: ScheduleDeps;
before(async () => {
  h = await startHarness();
  worker = workerDeps(h.db);
  schedule = scheduleDeps(h, worker);
  await seedOrg(h, 'acme', [{ subject: 'm1' }]);
});
after(async () => {
  await worker.sql.end();
  await h.close();
});

const create = async (title: string, key?: string) =>
  h.call<Election>('POST', '/v1/orgs/acme/elections', {
    auth: await h.jwt('alice'),
    body: { title, kind: 'yes_no_abstain' },
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });

/** A creation whose last step fails in PostgreSQL itself: the registry's role may not store elections. */
async function failedCreation(title: string, key?: string): Promise<string> {
  await h.db.admin`revoke insert on registry.elections from ekklesia_registry`;
  try {
    assert.notEqual((await create(title, key)).status, 201);
  } finally {
    await h.db.admin`grant insert on registry.elections to ekklesia_registry`;
  }
  const notes = await h.db.admin`
    select election_id from registry.unrecorded_definitions n
    where not exists (select 1 from registry.elections e where e.id = n.election_id)`;
  assert.equal(notes.length, 1, 'the failed creation left one note');
  return String(notes[0]!.electionId);
}

/** As if `minutes` had passed since the ballot box last heard the draft and the registry noted it. */
async function age(id: string, minutes: number) {
  await h.db.admin`
    update ballot_box.elections set defined_at = defined_at - make_interval(mins => ${minutes}) where id = ${id}`;
  await h.db.admin`
    update registry.unrecorded_definitions set since = since - make_interval(mins => ${minutes}) where election_id = ${id}`;
}

const inBallotBox = async (id: string) =>
  (await h.db.admin`select 1 from ballot_box.elections where id = ${id}`).length === 1;
const noted = async (id: string) =>
  (await h.db.admin`select 1 from registry.unrecorded_definitions where election_id = ${id}`).length === 1;

describe('drafts the registry never recorded', () => {
  test('a stored election leaves no note behind', async () => {
    const res = await create('Recorded');
    assert.equal(res.status, 201);
    assert.equal(await noted((await res.json()).id), false);
  });

  test('are kept while young, and forgotten by the ballot box once older than a creation takes', async () => {
    const id = await failedCreation('Never recorded');
    assert.equal(await inBallotBox(id), true);
    assert.equal(await forgetUnrecorded(schedule, new Date()), 0, 'a young note is left alone');
    assert.equal(await inBallotBox(id), true);
    await age(id, 11);
    assert.equal(await forgetUnrecorded(schedule, new Date()), 1);
    assert.equal(await inBallotBox(id), false);
    assert.equal(await noted(id), false);
    assert.equal(await forgetUnrecorded(schedule, new Date()), 0, 'settled once');
  });

  test('a draft a retry defined again just now is kept, and recorded by that retry', async () => {
    const id = await failedCreation('Retried late', 'late-retry');
    await age(id, 11);
    const retry = await create('Retried late', 'late-retry');
    assert.equal(retry.status, 201);
    assert.equal((await retry.json()).id, id);
    // A note left over for an election recorded after all is dropped, the draft kept.
    await h.db.admin`
      insert into registry.unrecorded_definitions (org_id, election_id, since)
      values ('acme', ${id}, now() - interval '11 minutes')`;
    assert.equal(await forgetUnrecorded(schedule, new Date()), 1);
    assert.equal(await inBallotBox(id), true, 'the ballot box keeps what the registry recorded');
    assert.equal(await noted(id), false);
  });

  test('the ballot box refuses to forget a draft heard within 10 minutes, even when asked', async () => {
    const id = await failedCreation('Asked too early');
    await h.db
      .admin`update registry.unrecorded_definitions set since = since - interval '11 minutes' where election_id = ${id}`;
    assert.equal(await forgetUnrecorded(schedule, new Date()), 0);
    assert.equal(await inBallotBox(id), true);
    assert.equal(await noted(id), true, 'the note stays for the next tick');
    await age(id, 11);
    assert.equal(await forgetUnrecorded(schedule, new Date()), 1);
    assert.equal(await inBallotBox(id), false);
  });

  test('a retry after the draft was forgotten defines it again, and both sides know it', async () => {
    const id = await failedCreation('Retried after forgetting', 'after-forget');
    await age(id, 11);
    await forgetUnrecorded(schedule, new Date());
    assert.equal(await inBallotBox(id), false);
    const retry = await create('Retried after forgetting', 'after-forget');
    assert.equal(retry.status, 201);
    assert.equal((await retry.json()).id, id);
    assert.equal(await inBallotBox(id), true);
    assert.equal(await noted(id), false);
  });
});
