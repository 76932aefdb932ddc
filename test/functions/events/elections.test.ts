import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, seedOrg, type Harness } from '../../helpers/harness.js';
import type { Election, Meeting } from '../../../schemas/api.js';

let h: Harness;
let meetingId: string;
let otherMeetingId: string;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'bob' }, { subject: 'ina', status: 'inactive' }]);
  await seedOrg(h, 'other', [{ subject: 'olga' }]);
  const meeting = async (org: string) =>
    (
      await (
        await h.call<Meeting>('POST', `/v1/orgs/${org}/meetings`, {
          auth: await h.jwt('alice'),
          body: { title: 'm', startsAt: '2027-01-01T10:00:00Z', expectedAttendees: 5 },
        })
      ).json()
    ).id as string;
  meetingId = await meeting('acme');
  otherMeetingId = await meeting('other');
});
after(() => h.close());

const create = async (body: unknown, as = 'alice', org = 'acme') =>
  h.call<Election>('POST', `/v1/orgs/${org}/elections`, { auth: await h.jwt(as), body });
const get = async (id: string, as = 'alice', org = 'acme') =>
  h.call<Election>('GET', `/v1/orgs/${org}/elections/${id}`, { auth: await h.jwt(as) });
const electionCount = async () =>
  ((await h.db.admin`select count(*)::int as n from registry.elections`) as unknown as [{ n: number }])[0].n;

describe('elections happy', () => {
  test('a yes/no/abstain draft gets its fixed options and is readable by members', async () => {
    const res = await create({ meetingId, title: 'Approve the budget', kind: 'yes_no_abstain' });
    assert.equal(res.status, 201);
    const created = await res.json();
    assert.equal(created.status, 'draft');
    assert.deepEqual(
      created.options.map((o: { id: string }) => o.id),
      ['yes', 'no', 'abstain'],
    );
    assert.equal(created.maxChoices, 1);
    const [row] = await h.db
      .admin`select kind, status, max_choices, meeting_id from registry.elections where id = ${created.id}`;
    assert.deepEqual({ ...row }, { kind: 'yes_no_abstain', status: 'draft', maxChoices: 1, meetingId });

    const read = await get(created.id, 'bob');
    assert.equal(read.status, 200);
    assert.deepEqual(await read.json(), created);
    assert.deepEqual(created.turnout, { eligible: 2, ballotsCast: 0 }, 'a draft: the active members now (alice, bob)');
  });

  test('single and multi drafts keep their options; multi defaults maxChoices to all', async () => {
    const options = [
      { id: 'ann', label: 'Ann' },
      { id: 'ben', label: 'Ben' },
      { id: 'cy', label: 'Cy' },
    ];
    const single = await (await create({ title: 'Chair', kind: 'single', options })).json();
    assert.equal(single.maxChoices, 1);
    const multi = await (await create({ title: 'Board', kind: 'multi', options })).json();
    assert.equal(multi.maxChoices, 3);
    const two = await (await create({ title: 'Board', kind: 'multi', options, maxChoices: 2 })).json();
    const [row] = await h.db.admin`select options, max_choices from registry.elections where id = ${two.id}`;
    assert.deepEqual(row?.options, options);
    assert.equal(row?.maxChoices, 2);
  });
});

describe('elections errors', () => {
  const options = [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
  ];
  const cases: [string, unknown, string][] = [
    [
      'duplicate option ids',
      {
        title: 't',
        kind: 'single',
        options: [
          { id: 'a', label: 'A' },
          { id: 'a', label: 'A2' },
        ],
      },
      'invalid_request',
    ],
    ['one option', { title: 't', kind: 'single', options: [{ id: 'a', label: 'A' }] }, 'invalid_request'],
    ['single with maxChoices 2', { title: 't', kind: 'single', options, maxChoices: 2 }, 'invalid_request'],
    ['multi maxChoices above options', { title: 't', kind: 'multi', options, maxChoices: 3 }, 'invalid_request'],
    ['multi maxChoices 0', { title: 't', kind: 'multi', options, maxChoices: 0 }, 'invalid_request'],
    ['yes_no_abstain with other options', { title: 't', kind: 'yes_no_abstain', options }, 'invalid_request'],
    ['unknown kind', { title: 't', kind: 'ranked', options }, 'invalid_request'],
    [
      'bad option id',
      {
        title: 't',
        kind: 'single',
        options: [
          { id: 'a b', label: 'A' },
          { id: 'c', label: 'C' },
        ],
      },
      'invalid_request',
    ],
    ['meeting of another org', { title: 't', kind: 'yes_no_abstain', meetingId: '' }, 'unknown_meeting'],
    [
      'unknown meeting',
      { title: 't', kind: 'yes_no_abstain', meetingId: '00000000-0000-4000-8000-000000000000' },
      'unknown_meeting',
    ],
  ];
  for (const [name, body, code] of cases) {
    test(`400 ${code} for ${name}, nothing written`, async () => {
      const before = await electionCount();
      const sent = name === 'meeting of another org' ? { ...(body as object), meetingId: otherMeetingId } : body;
      const res = await create(sent);
      assert.equal(res.status, 400);
      assert.equal((await res.json()).code, code);
      assert.equal(await electionCount(), before);
    });
  }

  test('an unknown or malformed election id is 404', async () => {
    assert.equal((await get('00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await get('not-a-uuid')).status, 404);
  });
});
