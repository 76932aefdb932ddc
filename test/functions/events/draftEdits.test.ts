/**
 * A chair edits and deletes drafts (`PUT`/`DELETE /v1/orgs/{org}/elections/{id}`):
 * an edit replaces the draft whole in one transaction and raises its
 * revision; the open tells the ballot box the edited definition, so ballots
 * are checked against it; nothing but a draft with no open begun can be
 * edited or deleted; a deletion takes the wrapped key with it, destroys the
 * key version and leaves the ballot box's inert copy to the sweep. The
 * ballot box takes a new definition only for a draft and from a higher revision.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Election } from '../../../schemas/api.js';
import { createBallotBox } from '../../../shared/registry/ballotBox.js';
import { openElection, seedElection, seedOrg, startHarness, tokenFor, type Harness } from '../../helpers/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'm1' }, { subject: 'bob', role: 'admin' }]);
});
after(() => h.close());

const edit = async (id: string, body: unknown, subject = 'alice') =>
  h.call<Election>('PUT', `/v1/orgs/acme/elections/${id}`, { auth: await h.jwt(subject), body });
const remove = async (id: string, subject = 'alice') =>
  h.call('DELETE', `/v1/orgs/acme/elections/${id}`, { auth: await h.jwt(subject) });
const registryRow = async (id: string) =>
  (
    await h.db.admin<{ title: string; kind: string; revision: number; options: { id: string }[] }[]>`
      select title, kind, revision, options from registry.elections where id = ${id}`
  )[0];
const events = async (type: string, id: string) =>
  Number(
    (
      await h.db.admin<{ n: string }[]>`
        select count(*) as n from registry.outbox where type = ${type} and envelope->'payload'->>'electionId' = ${id}`
    )[0]!.n,
  );

test('an edited draft opens with its new options: the ballot box checks ballots against them', async () => {
  const id = await seedElection(h, 'acme', {
    title: 'Treasurer',
    kind: 'single',
    options: [
      { id: 'ann', label: 'Ann' },
      { id: 'ben', label: 'Ben' },
    ],
  });
  const edited = await edit(id, {
    title: 'Treasurer (amended)',
    kind: 'single',
    options: [
      { id: 'ann', label: 'Ann' },
      { id: 'cat', label: 'Cat' },
      { id: 'dan', label: 'Dan' },
    ],
  });
  const body = await edited.json();
  assert.equal(edited.status, 200, JSON.stringify(body));
  assert.equal(body.title, 'Treasurer (amended)');
  assert.equal(body.status, 'draft');
  const row = await registryRow(id);
  assert.deepEqual(
    [row?.title, row?.revision, row?.options.map((o) => o.id)],
    ['Treasurer (amended)', 2, ['ann', 'cat', 'dan']],
  );
  assert.equal(await events('election.edited', id), 1);
  // The same request again: answered the same (a second revision, nothing else changes).
  assert.equal((await edit(id, { title: 'Treasurer (amended)', kind: 'single', options: body.options })).status, 200);

  await openElection(h, 'acme', id);
  const [box] = await h.db.admin<{ optionIds: string[]; revision: number; status: string }[]>`
    select option_ids, revision, status from ballot_box.elections where id = ${id}`;
  assert.deepEqual(box, { optionIds: ['ann', 'cat', 'dan'], revision: 3, status: 'open' });
  const { token } = await tokenFor(h, 'acme', id, 'm1');
  const old = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['ben'] } });
  assert.equal(old.status, 400, 'an option the edit removed is refused');
  const cast = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['cat'] } });
  assert.equal(cast.status, 201);

  // Open now: no edit, no deletion; the registry keeps what it had.
  const late = await edit(id, { title: 'Too late', kind: 'yes_no_abstain' });
  assert.equal(late.status, 409);
  assert.equal((await late.json()).code, 'invalid_transition');
  assert.equal((await remove(id)).status, 409);
  assert.equal((await registryRow(id))?.title, 'Treasurer (amended)');
});

test('a draft whose open has begun cannot be edited or deleted; refusals name the field or the reason', async () => {
  const id = await seedElection(h, 'acme', { title: 'Budget', kind: 'yes_no_abstain' });
  await h.db.admin`update registry.elections set changing_since = now() where id = ${id}`;
  assert.equal((await edit(id, { title: 'Budget 2', kind: 'yes_no_abstain' })).status, 409);
  assert.equal((await remove(id)).status, 409);
  await h.db.admin`update registry.elections set changing_since = null where id = ${id}`;

  const noMeeting = await edit(id, {
    title: 'Budget',
    kind: 'yes_no_abstain',
    meetingId: '00000000-0000-4000-8000-000000000000',
  });
  assert.equal((await noMeeting.json()).code, 'unknown_meeting');
  const bad = await edit(id, { title: 'Budget', kind: 'multi', options: [{ id: 'a', label: 'A' }] });
  assert.equal(bad.status, 400);
  assert.equal((await edit(id, { title: 'Budget', kind: 'yes_no_abstain' }, 'm1')).status, 403);
  assert.equal(
    (await edit('00000000-0000-4000-8000-000000000001', { title: 'x', kind: 'yes_no_abstain' })).status,
    404,
  );
  assert.equal((await registryRow(id))?.revision, 1, 'no refusal changed anything');
  assert.equal(await events('election.edited', id), 0);
});

test('deleting a draft takes its key with it and leaves the ballot box copy to the sweep', async () => {
  const id = await seedElection(h, 'acme', { title: 'Mistake', kind: 'yes_no_abstain' });
  const destroyedBefore = h.kmsRequests().get('destroy') ?? 0;
  assert.equal((await remove(id, 'm1')).status, 403);
  const res = await remove(id, 'bob');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { id, deleted: true });
  assert.equal(await registryRow(id), undefined);
  assert.equal((await h.db.admin`select 1 from registry.election_keys where election_id = ${id}`).length, 0);
  assert.equal((h.kmsRequests().get('destroy') ?? 0) - destroyedBefore, 1, 'the key version destroyed');
  assert.equal((await h.db.admin`select 1 from registry.unrecorded_definitions where election_id = ${id}`).length, 1);
  assert.equal(await events('election.deleted', id), 1);
  assert.equal((await remove(id, 'bob')).status, 404);
});

test('the ballot box takes a new definition only for a draft and from a higher revision', async () => {
  const ballotBox = createBallotBox(h.ballotBoxConfig);
  const id = await seedElection(h, 'acme', { title: 'Chair', kind: 'yes_no_abstain' });
  const def = (optionIds: string[], revision: number) => ({
    kind: 'single' as const,
    optionIds,
    maxChoices: 1,
    revision,
  });
  await ballotBox.define('acme', id, def(['a', 'b'], 2));
  await assert.rejects(ballotBox.define('acme', id, def(['x', 'y'], 2)), /definition_conflict|409/);
  await assert.rejects(ballotBox.define('acme', id, def(['x', 'y'], 1)), /definition_conflict|409/);
  await ballotBox.define('acme', id, def(['a', 'b'], 1)); // the same again, from any revision
  const [box] = await h.db.admin<{ optionIds: string[]; revision: number }[]>`
    select option_ids, revision from ballot_box.elections where id = ${id}`;
  assert.deepEqual(box, { optionIds: ['a', 'b'], revision: 2 });
  const open = await seedElection(h, 'acme', { title: 'Open', kind: 'yes_no_abstain' });
  await openElection(h, 'acme', open);
  await assert.rejects(
    ballotBox.define('acme', open, { kind: 'single', optionIds: ['p', 'q'], maxChoices: 1, revision: 9 }),
    /definition_conflict|409/,
  );
});
