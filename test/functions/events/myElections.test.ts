/**
 * The member page's one poll, `GET /v1/me/elections`: across the caller's
 * orgs (active memberships only), the elections open or being sealed and
 * the latest five sealed, never a draft; an ETag, 304 while nothing
 * changed, and a change committed on the instance seen at the next poll.
 * Polls write no access-log line (a hall polls every 1.5 s).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { MyElections } from '../../../schemas/api.js';
import { openElection, seedElection, seedOrg, startHarness, type Harness } from '../../helpers/harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'ann' }, { subject: 'bob' }]);
  await seedOrg(h, 'beta', [{ subject: 'ann', role: 'admin' }]);
  await seedOrg(h, 'gone', [{ subject: 'ann', status: 'inactive' }, { subject: 'bob' }]);
});
after(() => h.close());

const poll = async (subject: string, etag?: string) =>
  h.call<MyElections>('GET', '/v1/me/elections', {
    auth: await h.jwt(subject),
    ...(etag ? { headers: { 'if-none-match': etag } } : {}),
  });
const close = async (org: string, id: string) => {
  const res = await h.call('POST', `/v1/orgs/${org}/elections/${id}/close`, { auth: await h.jwt('alice'), body: {} });
  assert.equal(res.status, 200, await res.text());
};

test('what is open for me: every org of mine in one answer, no drafts, nothing of orgs where I am inactive', async () => {
  await seedElection(h, 'acme', { title: 'Acme draft', kind: 'yes_no_abstain' });
  const acme = await seedElection(h, 'acme', { title: 'Acme motion', kind: 'yes_no_abstain' });
  const beta = await seedElection(h, 'beta', { title: 'Beta motion', kind: 'yes_no_abstain' });
  const gone = await seedElection(h, 'gone', { title: 'Gone motion', kind: 'yes_no_abstain' });
  for (const [org, id] of [
    ['acme', acme],
    ['beta', beta],
    ['gone', gone],
  ] as const)
    await openElection(h, org, id);

  const ann = await poll('ann');
  assert.equal(ann.status, 200);
  const body = await ann.json();
  assert.deepEqual(
    body.orgs.map((o) => [o.id, o.role]),
    [
      ['acme', 'member'],
      ['beta', 'admin'],
    ],
  );
  assert.deepEqual(
    body.elections.map((e) => [e.orgId, e.title, e.status]),
    [
      ['acme', 'Acme motion', 'open'],
      ['beta', 'Beta motion', 'open'],
    ],
  );
  const bob = await (await poll('bob')).json();
  assert.deepEqual(bob.elections.map((e) => e.title).sort(), ['Acme motion', 'Gone motion']);
  assert.deepEqual(await (await poll('nobody')).json(), { orgs: [], elections: [] });
  assert.equal((await h.call('GET', '/v1/me/elections')).status, 401);
  for (const id of [acme, beta, gone]) await close(id === acme ? 'acme' : id === beta ? 'beta' : 'gone', id);
});

test('ETag and 304 while nothing changed; an open or a close here is seen by the very next poll', async () => {
  const first = await poll('ann');
  const etag = first.headers.get('etag') ?? '';
  assert.match(etag, /^"[A-Za-z0-9_-]{22}"$/);
  assert.equal(first.headers.get('cache-control'), 'private, no-cache');
  const same = await poll('ann', etag);
  assert.equal(same.status, 304);
  assert.equal(await same.text(), '');
  assert.equal(same.headers.get('etag'), etag);
  assert.equal((await poll('ann', `W/${etag}, "other"`)).status, 304, 'a weak or listed tag matches too');

  const id = await seedElection(h, 'acme', { title: 'Late motion', kind: 'yes_no_abstain' });
  assert.equal((await poll('ann', etag)).status, 304, 'a draft changes nothing a member sees');
  await openElection(h, 'acme', id);
  const opened = await poll('ann', etag);
  assert.equal(opened.status, 200);
  const seen = (await opened.json()).elections.find((e) => e.id === id);
  assert.equal(seen?.status, 'open');
  await close('acme', id);
  const closed = await poll('ann', opened.headers.get('etag') ?? '');
  assert.equal(closed.status, 200);
  assert.equal((await closed.json()).elections.find((e) => e.id === id)?.status, 'sealed');
  // What the database holds is what was shown.
  const [row] = await h.db.admin<{ status: string }[]>`select status from registry.elections where id = ${id}`;
  assert.equal(row?.status, 'sealed');
});

test('an org shows its latest five sealed elections, newest first; a roster change here is seen at once', async () => {
  await seedOrg(h, 'many', [{ subject: 'cy' }]);
  const ids: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const id = await seedElection(h, 'many', { title: `Vote ${i}`, kind: 'yes_no_abstain' });
    await openElection(h, 'many', id);
    await close('many', id);
    ids.push(id);
  }
  const cy = await (await poll('cy')).json();
  assert.deepEqual(
    cy.elections.map((e) => [e.title, e.status]),
    [6, 5, 4, 3, 2].map((i) => [`Vote ${i}`, 'sealed']),
  );
  const res = await h.call('PUT', '/v1/orgs/many/members', {
    auth: await h.jwt('alice'),
    body: { members: [{ subject: 'cy', role: 'member', status: 'inactive' }] },
  });
  assert.equal(res.status, 200);
  assert.deepEqual(await (await poll('cy')).json(), { orgs: [], elections: [] });
});

test('polls write no access-log line (a refusal does)', () => {
  const lines = h.logs.filter((l) => l.includes('/v1/me/elections') && !l.includes('"status":401'));
  assert.deepEqual(lines, []);
  assert.ok(
    h.logs.some((l) => l.includes('"route":"/v1/orgs/:org/elections"')),
    'other routes are logged',
  );
});
