/** Every state change of the registry leaves its event in the outbox, in the same transaction. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { tokenHash } from '../../../../shared/common/crypto/index.js';
import { EventEnvelope, eventPayloads, eventTopics, type EventType } from '../../../../schemas/domainEvents.js';
import {
  startHarness,
  seedOrg,
  seedElection,
  openElection,
  tokenFor,
  operatorKey,
  type Harness,
} from '../../../helpers/harness.js';

let h: Harness;
before(async () => (h = await startHarness()));
after(() => h.close());

type Row = {
  id: string;
  type: EventType;
  topics: string[];
  envelope: Record<string, unknown>;
  publishedAt: Date | null;
};
const events = async (org: string) =>
  h.db.admin<
    Row[]
  >`select id, type, topics, envelope, published_at from registry.outbox where org_id = ${org} order by occurred_at, type`;

test('a whole vote leaves one valid, unpublished event per change, routed to its topics', async () => {
  await seedOrg(h, 'acme', [{ subject: 'bob' }]);
  await h.call('POST', '/v1/orgs/acme/meetings', {
    auth: await h.jwt('alice'),
    body: { title: 'AGM', startsAt: '2027-01-01T10:00:00Z', expectedAttendees: 40 },
  });
  const id = await seedElection(h, 'acme');
  const { token } = await tokenFor(h, 'acme', id, 'bob');
  await tokenFor(h, 'acme', id, 'bob'); // a token publishes nothing; it is counted at the seal
  await openElection(h, 'acme', id);
  assert.equal(
    (await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['no'] } })).status,
    201,
  );
  assert.equal(
    (await h.call('POST', `/v1/orgs/acme/elections/${id}/close`, { auth: await h.jwt('alice') })).status,
    200,
  );

  const rows = await events('acme');
  assert.deepEqual(rows.map((r) => r.type).sort(), [
    'election.created',
    'election.opened',
    'election.sealed',
    'meeting.scheduled',
    'org.created',
    'roster.imported',
  ]);
  for (const row of rows) {
    const envelope = v.parse(EventEnvelope, row.envelope);
    assert.equal(envelope.id, row.id);
    assert.equal(envelope.org, 'acme');
    v.parse(eventPayloads[row.type], envelope.payload);
    assert.deepEqual(row.topics, [...eventTopics[row.type]]);
    assert.equal(row.publishedAt, null);
  }
  const sealed = rows.find((r) => r.type === 'election.sealed')!.envelope.payload as {
    ballotsCast: number;
    tokensIssued: number;
    options: { id: string; votes: number }[];
  };
  assert.equal(sealed.ballotsCast, 1);
  assert.equal(sealed.tokensIssued, 2, 'a token for each eligible member (alice, bob), however often each asked');
  assert.deepEqual(
    sealed.options.find((o) => o.id === 'no'),
    { id: 'no', votes: 1 },
  );
  const text = JSON.stringify(rows);
  for (const material of [token, tokenHash(token).toString('hex'), tokenHash(token).toString('base64url')])
    assert.ok(!text.includes(material));
});

test('a change that fails writes no event', async () => {
  await seedOrg(h, 'solo');
  const before = (await events('solo')).length;
  const demote = await h.call('PUT', '/v1/orgs/solo/members', {
    auth: await h.jwt('alice'),
    body: { members: [{ subject: 'alice', role: 'member', status: 'active' }] },
  });
  assert.equal(demote.status, 409);
  const again = await h.call('POST', '/v1/orgs', {
    auth: operatorKey,
    body: { id: 'solo', name: 'Again', admins: ['x'] },
  });
  assert.equal(again.status, 409);
  assert.equal((await events('solo')).length, before);
});
