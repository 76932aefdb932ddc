/**
 * Presence, rules and the verdict at the seal on real PostgreSQL, through
 * both functions: members check in (and the chair marks one present); the
 * meeting's rules (two thirds, a quorum of those present) are the
 * election's; the open freezes who is present, records it with its event and
 * hands it to the ballot box, and refuses check-ins until the vote closes;
 * the seal decides the verdict and stores it at the ballot box, in the
 * results and in the sealed event; the verdict recomputed from the tracker
 * and the published counts is the sealed one. Rules that do not fit their
 * election are refused at the creation; a choice without an absolute
 * majority ends in no_majority.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { verifySaved } from '../../helpers/verifyTracker.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import { recount } from '../../../schemas/recount.js';
import { decide, talliesOf } from '../../../schemas/verdict.js';
import { lotOrder } from '../../../shared/common/crypto/lotOrder.js';
import type { Attendance, CloseElectionResponse, Election, Meeting, Tracker } from '../../../schemas/api.js';
import type { PublishedTally } from '../../../schemas/voting.js';

let h: Harness;
let meeting: string;
const members = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'];
before(async () => {
  h = await startHarness();
  await seedOrg(
    h,
    'club',
    members.map((subject) => ({ subject })),
  );
  const created = await h.call<Meeting>('POST', '/v1/orgs/club/meetings', {
    auth: await h.jwt('alice'),
    body: {
      title: 'AGM',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      expectedAttendees: 7,
      rules: { majority: 'two_thirds', quorum: { measure: 'present', atLeast: { num: 1, den: 2, of: 'entitled' } } },
    },
  });
  assert.equal(created.status, 201);
  meeting = (await created.json()).id;
});
after(() => h.close());

const attendance = (subject: string, present: boolean) =>
  h.call<Attendance>('PUT', `/v1/orgs/club/meetings/${meeting}/attendance/me`, {
    auth: subject,
    body: { present },
  });
const vote = async (id: string, subject: string, choice: string) => {
  const { token } = await tokenFor(h, 'club', id, subject);
  const cast = await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: [choice] } });
  assert.equal(cast.status, 201);
};
const close = async (id: string) => {
  const closed = await h.call<CloseElectionResponse>('POST', `/v1/orgs/club/elections/${id}/close`, {
    auth: await h.jwt('alice'),
    body: {},
  });
  assert.equal(closed.status, 200, h.logs.filter((l) => l.includes('ERROR') || l.includes('error')).join('\n'));
  return (await closed.json()).results;
};

test('check-in, a two-thirds motion in the meeting, the verdict sealed and recomputed from the tracker', async () => {
  for (const subject of ['ann', 'ben', 'cat']) assert.equal((await attendance(await h.jwt(subject), true)).status, 200);
  assert.equal((await attendance(await h.jwt('cat'), true)).status, 200, 'the same again');
  const out = await attendance(await h.jwt('ben'), false);
  assert.deepEqual((await out.json()).present, { members: 2, units: 2 });
  // The chair marks two in the hall without a phone; a stranger cannot be present.
  for (const subject of ['ben', 'dan']) {
    const marked = await h.call('PUT', `/v1/orgs/club/meetings/${meeting}/attendance/members/${subject}`, {
      auth: await h.jwt('alice'),
      body: { present: true },
    });
    assert.equal(marked.status, 200);
  }
  const stranger = await h.call('PUT', `/v1/orgs/club/meetings/${meeting}/attendance/members/zed`, {
    auth: await h.jwt('alice'),
    body: { present: true },
  });
  assert.equal(stranger.status, 400);
  const now = await h.call<Attendance>('GET', `/v1/orgs/club/meetings/${meeting}/attendance`, {
    auth: await h.jwt('ann'),
  });
  assert.deepEqual(await now.json(), {
    present: { members: 4, units: 4 },
    entitled: { members: 7, units: 7 },
    me: true,
  });
  // Whether, never when: the rows hold nothing but who.
  const columns = await h.db.admin<{ name: string }[]>`
    select column_name as name from information_schema.columns
    where table_schema = 'registry' and table_name = 'attendance' order by 1`;
  assert.deepEqual(
    columns.map((c) => c.name),
    ['meeting_id', 'org_id', 'subject'],
  );

  // The meeting's rules are the election's, with the defaults filled in.
  const id = await seedElection(h, 'club', { title: 'Statutes', kind: 'yes_no_abstain', meetingId: meeting });
  const [stored] = await h.db.admin<{ rules: unknown }[]>`select rules from registry.elections where id = ${id}`;
  assert.deepEqual(stored!.rules, {
    majority: 'two_thirds',
    base: 'votes',
    by: 'members',
    quorum: { measure: 'present', atLeast: { num: 1, den: 2, of: 'entitled' } },
    tieBreak: 'chair',
  });
  await openElection(h, 'club', id);
  // Frozen at the open, and no check-in while the vote runs.
  const late = await attendance(await h.jwt('eve'), true);
  assert.equal(late.status, 409);
  assert.equal((await late.json()).code, 'invalid_transition');
  // Refused means unwritten: no row names eve while the vote runs.
  assert.equal((await h.db.admin`select 1 from registry.attendance where subject = 'eve'`).length, 0);
  const [box] = await h.db.admin<{ present: unknown }[]>`select present from ballot_box.elections where id = ${id}`;
  assert.deepEqual(box!.present, { members: 4, units: 4 });
  const [opened] = await h.db.admin<{ payload: { present?: unknown } }[]>`
    select envelope->'payload' as payload from registry.outbox
    where type = 'election.opened' and envelope->'payload'->>'electionId' = ${id}`;
  assert.deepEqual(opened!.payload.present, { members: 4, units: 4 });

  // 4 yes, 2 no, 1 abstain: 4 of 6 is exactly two thirds.
  const choices: Record<string, string> = { ann: 'yes', ben: 'yes', cat: 'yes', dan: 'yes', eve: 'no', fay: 'no' };
  for (const [subject, choice] of Object.entries(choices)) await vote(id, subject, choice);
  await vote(id, 'alice', 'abstain');
  const results = await close(id);
  assert.deepEqual(results.present, { members: 4, units: 4 });
  assert.deepEqual(
    { ...results.verdict, options: undefined },
    {
      outcome: 'carried',
      kind: 'yes_no_abstain',
      places: 1,
      by: 'members',
      quorum: { measure: 'present', required: 4, reached: 4, met: true },
      base: 6,
      required: 4,
      options: undefined,
      elected: [],
    },
  );
  const [sealedAt] = await h.db.admin<{ verdict: { outcome: string } }[]>`
    select verdict from ballot_box.elections where id = ${id}`;
  assert.equal(sealedAt!.verdict.outcome, 'carried');
  const [event] = await h.db.admin<{ payload: { verdict?: { outcome: string }; rules?: unknown } }[]>`
    select envelope->'payload' as payload from registry.outbox
    where type = 'election.sealed' and envelope->'payload'->>'electionId' = ${id}`;
  assert.equal(event!.payload.verdict?.outcome, 'carried');
  assert.deepEqual(event!.payload.rules, stored!.rules);
  // Check-in is open again.
  assert.equal((await attendance(await h.jwt('eve'), true)).status, 200);

  // Anyone can decide again from the tracker and the published counts.
  const tracker = await (await h.vote<Tracker>('GET', `/v1/elections/${id}/tracker`)).json();
  const published = await (await h.vote<PublishedTally>('GET', `/v1/elections/${id}/results`)).json();
  const again = recount(
    published.tally.map((t) => t.option),
    tracker.ballots,
  );
  const recounted = {
    ...published,
    ballotsCast: again.ballotsCast,
    tally: [...again.options].map(([option, n]) => ({ option, votes: n.votes })),
  };
  assert.deepEqual(
    decide(
      'yes_no_abstain',
      1,
      published.rules!,
      talliesOf(recounted, published.present ?? null),
      lotOrder(tracker.root, ['yes', 'no', 'abstain']),
    ),
    published.verdict,
  );
  // And the CLI does, from the files an observer saved; a verdict altered after the seal is caught.
  const verify = (results: unknown) => verifySaved(tracker, results);
  assert.deepEqual(verify(published), { ok: true, ballots: 7, root: tracker.root, tally: 'recounted' });
  // The rules and counts the verdict read are under the root (the tracker's header).
  assert.deepEqual(tracker.header, {
    rules: published.rules,
    present: { members: 4, units: 4 },
    eligible: 7,
  });
  const altered = verify({ ...published, verdict: { ...published.verdict, outcome: 'rejected' } });
  assert.equal(altered.ok, false);
  assert.match(altered.tally!, /verdict/);
  // Other rules published beside the same ballots: not the ones under the root.
  const otherRules = verify({ ...published, rules: { ...published.rules, majority: 'simple' } });
  assert.equal(otherRules.ok, false);
  assert.match(otherRules.tally!, /other rules or counts/);
});

test('rules that do not fit are refused at the creation; a choice without an absolute majority needs a run-off', async () => {
  const refused = async (body: Record<string, unknown>, reason: RegExp) => {
    const res = await h.call('POST', '/v1/orgs/club/elections', { auth: await h.jwt('alice'), body });
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.match((await res.json()).message, reason);
  };
  await refused({ title: 'x', kind: 'yes_no_abstain', rules: { majority: 'absolute', by: 'units' } }, /weighted/);
  await refused({ title: 'x', kind: 'yes_no_abstain', rules: { majority: 'absolute', base: 'present' } }, /meeting/);
  await refused({ title: 'x', kind: 'yes_no_abstain', rules: { majority: { num: 4, den: 3 } } }, /den/);
  // The org's default: an election in no meeting, giving none, takes it; null takes it back.
  const setDefault = async (rules: unknown) =>
    h.call('PUT', '/v1/orgs/club/rules', { auth: await h.jwt('alice'), body: { rules } });
  assert.equal((await setDefault({ majority: 'absolute' })).status, 200);
  assert.equal((await setDefault({ majority: 'absolute' })).status, 200, 'a retry');
  const [events] = await h.db.admin<{ n: number }[]>`
    select count(*)::int as n from registry.outbox where org_id = 'club' and type = 'org.rules_set'`;
  assert.equal(events!.n, 1, 'one change, one event');
  const byDefault = await seedElection(h, 'club', { title: 'Default', kind: 'yes_no_abstain' });
  const [row] = await h.db.admin<{ rules: { majority: string } | null }[]>`
    select rules from registry.elections where id = ${byDefault}`;
  assert.equal(row!.rules?.majority, 'absolute');
  const read = await h.call<{ rules: unknown }>('GET', '/v1/orgs/club/rules', { auth: await h.jwt('ann') });
  assert.deepEqual(await read.json(), { rules: { majority: 'absolute' } });
  assert.equal((await setDefault(null)).status, 200);
  await refused(
    {
      title: 'x',
      kind: 'single',
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      rules: { majority: 'absolute', base: 'votes_and_abstentions' },
    },
    /yes_no_abstain/,
  );

  const id = await seedElection(h, 'club', {
    title: 'Chair',
    kind: 'single',
    options: ['a', 'b', 'c'].map((o) => ({ id: o, label: o.toUpperCase() })),
    rules: { majority: 'absolute' },
  });
  await openElection(h, 'club', id);
  const choices: Record<string, string> = { ann: 'a', ben: 'a', cat: 'b', dan: 'b', eve: 'c', fay: 'a' };
  for (const [subject, choice] of Object.entries(choices)) await vote(id, subject, choice);
  const { verdict } = await close(id);
  assert.equal(verdict?.outcome, 'no_majority');
  assert.deepEqual([verdict?.base, verdict?.required, verdict?.elected], [6, 4, []]);

  // The chair's one action: the run-off between the top two, with the same rules; asked again, the same one.
  const runoff = async () =>
    h.call<Election>('POST', `/v1/orgs/club/elections/${id}/runoff`, { auth: await h.jwt('alice'), body: {} });
  const made = await runoff();
  assert.equal(made.status, 201);
  const draft = await made.json();
  assert.deepEqual(
    [draft.title, draft.kind, draft.status, draft.options, draft.rules?.majority],
    [
      'Run-off: Chair',
      'single',
      'draft',
      [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
      'absolute',
    ],
  );
  const again = await runoff();
  assert.equal(again.status, 200);
  assert.equal((await again.json()).id, draft.id);
  const [stored] = await h.db.admin<{ runoffOf: string }[]>`
    select runoff_of from registry.elections where id = ${draft.id}`;
  assert.equal(stored!.runoffOf, id);
  // Nothing to run off: a draft, or an election without rules.
  const plain = await seedElection(h, 'club', { title: 'Plain', kind: 'yes_no_abstain' });
  const notRunoff = await h.call('POST', `/v1/orgs/club/elections/${plain}/runoff`, {
    auth: await h.jwt('alice'),
    body: {},
  });
  assert.equal(notRunoff.status, 409);
});
