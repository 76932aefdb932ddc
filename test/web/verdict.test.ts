/**
 * A meeting decided by rules, in a real browser on the local stack: the
 * chair starts a meeting (English, 1280 px); a member checks in on a 360 px
 * phone in German by keyboard only; the chair marks one in the hall present
 * and sees present of entitled live; the chair creates a vote under a
 * two-thirds rule with a quorum of three present, in the meeting, and opens
 * it; check-in is refused while it runs; the member votes by keyboard; after
 * the close the member's phone and the projector say the verdict in a
 * sentence. Then single choices without an absolute majority: the chair,
 * in German on a 360 px phone by keyboard, makes the run-off of the top two,
 * and, where three tie for its places, ticks the two first. axe-core checks
 * every page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserOnStack, seriousViolations, signedInPage } from '../helpers/browser.js';
import { castOnStack, orgOnStack } from '../helpers/stackOrg.js';
import type { ElectionList } from '../../schemas/api.js';

const env = browserOnStack();
const members = ['rita', 'sam', 'tom', 'uma', 'vic'];
const onStack = orgOnStack(env, { id: 'rules-club', name: 'Rules Club', members });

test('check-in, a two-thirds vote in the meeting, and the verdict on the phone and the projector', async () => {
  const api = await onStack();
  const chairJwt = await api.jwt('chair');
  const base = `${api.events}/v1/orgs/rules-club`;

  const chair = await signedInPage(env, 'chair', { locale: 'en-GB', width: 1280 });
  const section = chair.getByRole('region', { name: 'Run a vote: Rules Club' });
  await section.getByLabel('Name of the meeting').fill('AGM');
  await section.getByRole('button', { name: 'Start a meeting' }).click();
  await section.getByText('0 of 6 members present').waitFor({ timeout: 10_000 });

  // A member checks in from their phone, in German, by keyboard only.
  const rita = await signedInPage(env, 'rita', { locale: 'de-DE', width: 360 });
  const checkIn = rita.getByRole('region', { name: 'Versammlung: AGM' });
  await checkIn.getByText('Sie sind nicht als anwesend gemeldet.').waitFor({ timeout: 10_000 });
  await checkIn.getByRole('button', { name: 'Anwesend melden' }).focus();
  await rita.keyboard.press('Enter');
  await checkIn.getByText('Sie sind als anwesend gemeldet.').waitFor();
  await checkIn.getByText('1 von 6 Mitgliedern anwesend').waitFor();
  // Two more from their own phones (through the API), one marked by the chair in the hall.
  for (const subject of ['sam', 'tom']) {
    const res = await api.call('PUT', `${base}/meetings/${await meetingId()}/attendance/me`, await api.jwt(subject), {
      present: true,
    });
    assert.equal(res.status, 200);
  }
  await section.getByLabel(/^Member id/).fill('uma');
  await section.getByRole('button', { name: 'Mark present' }).click();
  await section.getByText('4 of 6 members present').waitFor({ timeout: 10_000 });

  // The vote, with its rule, in the meeting.
  // A fresh org: the create form is unfolded.
  await section.getByLabel('Title', { exact: true }).fill('Statutes');
  await section.getByLabel('Decided by').selectOption('two_thirds');
  await section.getByLabel('Share of').selectOption('votes');
  await section.getByLabel('A tie is broken by').selectOption('lot');
  await section.getByLabel('Quorum: members present at the open (optional)').fill('3');
  await section.getByRole('button', { name: 'Create', exact: true }).click();
  const card = section.getByRole('article', { name: 'Statutes' });
  await card.getByRole('button', { name: 'Open the vote' }).click();
  await card.getByText(/^Ballots cast: 0 of 6/).waitFor({ timeout: 10_000 });
  const listed = await api.call<ElectionList>('GET', `${base}/elections`, chairJwt);
  const election = listed.body.elections.find((e) => e.title === 'Statutes')!;
  assert.deepEqual(
    [election.meetingId, election.rules?.majority, election.rules?.quorum, election.rules?.tieBreak],
    [await meetingId(), 'two_thirds', { measure: 'present', atLeast: 3 }, 'lot'],
  );
  // No check-in while the vote runs.
  const late = await api.call('PUT', `${base}/meetings/${await meetingId()}/attendance/me`, await api.jwt('vic'), {
    present: true,
  });
  assert.equal(late.status, 409);

  // rita votes Ja by keyboard; four others through the API: 4 yes and 2 no, exactly two thirds.
  const ballot = rita.getByRole('region', { name: 'Statutes' });
  await ballot.getByLabel('Ja').waitFor({ timeout: 10_000 });
  await ballot.getByLabel('Ja').focus();
  await rita.keyboard.press('Space');
  await rita.keyboard.press('Tab');
  await rita.keyboard.press('Enter');
  await ballot.getByText('Ihre Wahl: Ja.', { exact: false }).waitFor();
  await rita.keyboard.press('Enter');
  await ballot.getByText('Ihre Stimme wurde gezählt.').waitFor();
  for (const [subject, choice] of [
    ['sam', 'yes'],
    ['tom', 'yes'],
    ['uma', 'yes'],
    ['vic', 'no'],
    ['chair', 'no'],
  ] as const) {
    await castOnStack(api, 'rules-club', election.id, subject, [choice]);
  }
  assert.equal((await api.call('POST', `${base}/elections/${election.id}/close`, chairJwt, {})).status, 200);

  // The verdict in a sentence: on the member's phone (German) and on the projector (English).
  await rita
    .getByText('Angenommen: 66,7 % Ja, erforderlich: zwei Drittel; Quorum 3 erreicht (4 anwesend).')
    .waitFor({ timeout: 15_000 });
  const overflow = await rita.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
  assert.deepEqual(await seriousViolations(rita), [], "the member's phone");
  await chair.goto(`${env.stack.events}/app/?projector=rules-club/${election.id}`);
  await chair
    .getByText('Carried: 66.7 % yes, two thirds required; quorum 3 reached (4 present).')
    .waitFor({ timeout: 15_000 });
  assert.deepEqual(await seriousViolations(chair), [], 'the projector');
  await rita.context().close();
  await chair.context().close();

  async function meetingId(): Promise<string> {
    const listed = await api.call<{ meetings: { id: string }[] }>('GET', `${base}/meetings`, chairJwt);
    return listed.body.meetings[0]!.id;
  }
});

test('no absolute majority: the chair, in German on a phone by keyboard, makes the run-off of the top two', async () => {
  const api = await onStack();
  const chairJwt = await api.jwt('chair');
  const base = `${api.events}/v1/orgs/rules-club`;
  await sealedChoice('Vorsitz', [
    ['rita', 'o1'],
    ['sam', 'o1'],
    ['tom', 'o2'],
    ['uma', 'o2'],
    ['vic', 'o3'],
  ]);

  const chair = await signedInPage(env, 'chair', { locale: 'de-DE', width: 360 });
  const section = chair.getByRole('region', { name: 'Abstimmung leiten: Rules Club' });
  const card = section.getByRole('article', { name: 'Vorsitz' });
  await card.getByText('Keine Mehrheit, eine Stichwahl ist nötig: 3 von 5 nötig.').waitFor({ timeout: 10_000 });
  await card.getByRole('button', { name: 'Stichwahl anlegen' }).focus();
  await chair.keyboard.press('Enter');
  // Ada and Bea tied for first with 2 each: both are in the run-off, a draft in the list.
  const runoff = section.getByRole('article', { name: 'Run-off: Vorsitz' });
  await runoff.waitFor({ timeout: 10_000 });
  assert.deepEqual(await runoff.locator('ul.options li').allTextContents(), ['Ada', 'Bea']);

  // Three tied at two votes each, ties the chair's: the chair ticks two, by keyboard.
  await sealedChoice('Kasse', [
    ['rita', 'o1'],
    ['sam', 'o1'],
    ['tom', 'o2'],
    ['uma', 'o2'],
    ['vic', 'o3'],
    ['chair', 'o3'],
  ]);
  const tied = section.getByRole('article', { name: 'Kasse' });
  const choose = tied.getByRole('group', {
    name: 'Die Stimmengleichheit für die Stichwahl entscheiden Sie: kreuzen Sie die zwei Optionen an',
  });
  await choose.waitFor({ timeout: 10_000 });
  for (const label of ['Ada (2)', 'Cem (2)']) {
    await choose.getByLabel(label).focus();
    await chair.keyboard.press('Space');
  }
  await tied.getByRole('button', { name: 'Stichwahl anlegen' }).focus();
  await chair.keyboard.press('Enter');
  const second = section.getByRole('article', { name: 'Run-off: Kasse' });
  await second.waitFor({ timeout: 10_000 });
  assert.deepEqual(await second.locator('ul.options li').allTextContents(), ['Ada', 'Cem']);
  const overflow = await chair.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
  assert.deepEqual(await seriousViolations(chair), [], "the chair's page with the run-offs");
  await chair.context().close();

  /** A single choice of Ada, Bea and Cem under an absolute majority, voted through the API and sealed. */
  async function sealedChoice(title: string, votes: [string, string][]): Promise<string> {
    const made = await api.call<{ id: string }>('POST', `${base}/elections`, chairJwt, {
      title,
      kind: 'single',
      options: ['Ada', 'Bea', 'Cem'].map((label, i) => ({ id: `o${i + 1}`, label })),
      rules: { majority: 'absolute' },
    });
    const electionId = made.body.id;
    assert.equal((await api.call('POST', `${base}/elections/${electionId}/open`, chairJwt, {})).status, 200);
    for (const [subject, choice] of votes) {
      await castOnStack(api, 'rules-club', electionId, subject, [choice]);
    }
    assert.equal((await api.call('POST', `${base}/elections/${electionId}/close`, chairJwt, {})).status, 200);
    return electionId;
  }
});
