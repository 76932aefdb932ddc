import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, seedOrg, type Harness } from '../../helpers/harness.js';
import type { Meeting } from '../../../schemas/api.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'bob' }]);
  await seedOrg(h, 'other');
});
after(() => h.close());

const post = async (org: string, body: unknown, as = 'alice') =>
  h.call<Meeting>('POST', `/v1/orgs/${org}/meetings`, { auth: await h.jwt(as), body });
const meetingCount = async (org: string) =>
  (
    (await h.db.admin`select count(*)::int as n from registry.meetings where org_id = ${org}`) as unknown as [
      { n: number },
    ]
  )[0].n;

describe('POST /v1/orgs/{org}/meetings happy', () => {
  test('creates the meeting as sent', async () => {
    const res = await post('acme', {
      title: 'AGM 2027',
      startsAt: '2027-03-01T18:00:00+01:00',
      endsAt: '2027-03-01T21:00:00+01:00',
      expectedAttendees: 1200,
    });
    assert.equal(res.status, 201);
    const meeting = await res.json();
    assert.equal(meeting.startsAt, '2027-03-01T17:00:00.000Z');
    const [row] = await h.db
      .admin`select title, expected_attendees, ends_at from registry.meetings where id = ${meeting.id}`;
    assert.equal(row?.title, 'AGM 2027');
    assert.equal(row?.expectedAttendees, 1200);
    assert.equal((row?.endsAt as Date).toISOString(), '2027-03-01T20:00:00.000Z');
  });
});

describe('POST /v1/orgs/{org}/meetings errors', () => {
  const cases: [string, unknown][] = [
    ['no time zone', { title: 't', startsAt: '2027-03-01T18:00:00', expectedAttendees: 1 }],
    [
      'end before start',
      { title: 't', startsAt: '2027-03-01T18:00:00Z', endsAt: '2027-03-01T17:00:00Z', expectedAttendees: 1 },
    ],
    ['negative attendance', { title: 't', startsAt: '2027-03-01T18:00:00Z', expectedAttendees: -1 }],
    ['fractional attendance', { title: 't', startsAt: '2027-03-01T18:00:00Z', expectedAttendees: 1.5 }],
    ['empty title', { title: '  ', startsAt: '2027-03-01T18:00:00Z', expectedAttendees: 1 }],
    ['unknown field', { title: 't', startsAt: '2027-03-01T18:00:00Z', expectedAttendees: 1, room: 'A' }],
  ];
  for (const [name, body] of cases) {
    test(`400 for ${name}, nothing written`, async () => {
      const before = await meetingCount('acme');
      const res = await post('acme', body);
      assert.equal(res.status, 400);
      assert.equal((await res.json()).code, 'invalid_request');
      assert.equal(await meetingCount('acme'), before);
    });
  }
});
