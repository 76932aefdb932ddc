/**
 * A ranked vote in a real browser on the local stack (docs/ranked.md): the
 * chair creates a two-seat Scottish STV vote from the form (English, 1280
 * px) and opens it; a member ranks on a 360 px phone in German by keyboard
 * only (adds two, moves one up, reviews "1. Ada, 2. Cid", casts); another
 * ranks by touch; four more through the API. After the close the chair's
 * console and the projector show who was elected and the stage table (the
 * surplus at 0.25 a paper, the exclusions, the non-transferable votes), and
 * the member's phone shows it in German and checks the ballot: the count
 * run again in the browser from the tracker, and the ranking found. Then
 * the chair, in German on a 360 px phone by keyboard only, creates a Schulze
 * vote of two ranks, after a refusal said under the seats. axe-core checks
 * every page; nothing is wider than the phone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserOnStack, seriousViolations, signedInPage } from '../helpers/browser.js';
import { castOnStack, orgOnStack } from '../helpers/stackOrg.js';
import type { ElectionList } from '../../schemas/api.js';

const env = browserOnStack();
const onStack = orgOnStack(env, {
  id: 'ranked-club',
  name: 'Ranked Club',
  members: ['rita', 'sam', 'tom', 'uma', 'vic'],
});

test('a ranked STV vote: ranking by keyboard and by touch, the stage table after the seal, the ballot checked', async () => {
  const api = await onStack();
  const chairJwt = await api.jwt('chair');
  const base = `${api.events}/v1/orgs/ranked-club`;

  const chair = await signedInPage(env, 'chair', { locale: 'en-GB', width: 1280 });
  const section = chair.getByRole('region', { name: 'Run a vote: Ranked Club' });
  await section.getByLabel('Title', { exact: true }).fill('Board');
  await section.getByLabel('Kind of ballot').selectOption('ranked');
  await section.getByLabel('Options, one per line').fill('Ada\nBea\nCid\nDee');
  await section.getByLabel('Count by').selectOption('stv.scottish');
  await section.getByLabel('Seats to fill').fill('2');
  assert.equal(await section.getByLabel('Decided by').isHidden(), true, 'no majority rules for a ranked vote');
  await section.getByRole('button', { name: 'Create', exact: true }).click();
  const card = section.getByRole('article', { name: 'Board' });
  await card.getByRole('button', { name: 'Open the vote' }).click();
  await card.getByText(/^Ballots cast: 0 of 6/).waitFor({ timeout: 10_000 });
  const listed = await api.call<ElectionList>('GET', `${base}/elections`, chairJwt);
  const election = listed.body.elections.find((e) => e.title === 'Board')!;
  assert.deepEqual(election.ranked, { method: 'stv.scottish', seats: 2, maxRanks: 4 });

  // rita ranks in German on her phone, by keyboard only: Cid, then Ada, then Ada up.
  const rita = await signedInPage(env, 'rita', { locale: 'de-DE', width: 360 });
  const ballot = rita.getByRole('region', { name: 'Board' });
  await ballot.getByText('Ordnen Sie die Möglichkeiten, Ihre erste Wahl zuerst').waitFor({ timeout: 10_000 });
  await ballot.getByRole('button', { name: 'Cid als Wahl 1 hinzufügen' }).focus();
  await rita.keyboard.press('Enter');
  // Focus moves on to the next option to add: Ada, now as choice 2.
  assert.equal(
    await rita.evaluate(() => document.activeElement?.getAttribute('aria-label')),
    'Ada als Wahl 2 hinzufügen',
  );
  await rita.keyboard.press('Enter');
  await ballot.getByRole('button', { name: 'Ada nach oben (jetzt Wahl 2)' }).focus();
  await rita.keyboard.press('Enter');
  await ballot.getByRole('status').filter({ hasText: 'Ada ist jetzt Wahl 1.' }).waitFor();
  const yours = ballot.getByRole('list', { name: 'Ihre Rangfolge' });
  assert.deepEqual(await yours.locator('.name').allTextContents(), ['Ada', 'Cid']);
  assert.deepEqual(await seriousViolations(rita), [], 'the ranking ballot');
  await rita.screenshot({ path: path.join(env.shots, 'ranked-ballot.png'), fullPage: true });
  const overflow = await rita.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
  await ballot.getByRole('button', { name: 'Stimme abgeben' }).focus();
  await rita.keyboard.press('Enter');
  await ballot.getByText('Ihre Rangfolge: 1. Ada, 2. Cid. Diese Stimme abgeben?').waitFor();
  await rita.keyboard.press('Enter');
  await ballot.getByText('Ihre Stimme wurde gezählt.').waitFor();

  // sam ranks by touch on his phone (English): Ada, Cid.
  const sam = await signedInPage(env, 'sam', { locale: 'en-GB', width: 360, touch: true });
  const his = sam.getByRole('region', { name: 'Board' });
  await his.getByRole('button', { name: 'Add Ada as choice 1' }).tap({ timeout: 10_000 });
  await his.getByRole('button', { name: 'Add Cid as choice 2' }).tap();
  await his.getByRole('button', { name: 'Cast my vote' }).tap();
  await his.getByText('Your ranking: 1. Ada, 2. Cid. Cast this vote?').waitFor();
  await his.getByRole('button', { name: 'Yes, cast my vote' }).tap();
  await his.getByText('Your vote was counted.').waitFor();
  await sam.context().close();

  // Four more through the API (o1 Ada, o2 Bea, o3 Cid, o4 Dee). Quota 3 of 6: Ada has 4, a surplus of 1 over
  // four papers, 0.25 each: three to Cid, one to Bea. Dee (0) goes, then Bea; Cid takes the second seat.
  for (const [subject, ranking] of [
    ['tom', ['o1', 'o3']],
    ['uma', ['o1', 'o2']],
    ['vic', ['o3', 'o2']],
    ['chair', ['o2']],
  ] as const) {
    await castOnStack(api, 'ranked-club', election.id, subject, ranking);
  }
  await card.getByRole('button', { name: 'Close and count' }).click();
  await card.getByRole('button', { name: 'Yes, close now: no more votes' }).click();

  // The chair's console: who was elected, and every stage.
  await card.getByText('Elected: Ada, Cid (Scottish STV, 2 seats).').waitFor({ timeout: 15_000 });
  const stages = card.getByRole('table', { name: /^The count, stage by stage/ });
  assert.deepEqual(await stages.locator('thead th').allTextContents(), [
    'Candidate',
    '1: first preferences',
    '2: surplus of Ada',
    '3: Dee excluded',
    '4: Bea excluded',
    'Result',
  ]);
  const row = async (name: string) =>
    stages
      .getByRole('row', { name: new RegExp(`^${name}`) })
      .locator('td')
      .allTextContents();
  assert.deepEqual(await row('Ada'), ['4.00000', '3.00000', '3.00000', '3.00000', 'Elected at stage 1']);
  assert.deepEqual(await row('Cid'), ['1.00000', '1.75000', '1.75000', '1.75000', 'Elected at stage 4']);
  assert.deepEqual(await row('Bea'), ['1.00000', '1.25000', '1.25000', '0.00000', 'Excluded at stage 4']);
  assert.deepEqual(await row('Non-transferable'), ['0.00000', '0.00000', '0.00000', '1.25000', '']);
  assert.deepEqual(await seriousViolations(chair), [], "the chair's console");
  await card.screenshot({ path: path.join(env.shots, 'ranked-stages.png') });

  // The projector says the same.
  await chair.goto(`${env.stack.events}/app/?projector=ranked-club/${election.id}`);
  await chair.getByText('Elected: Ada, Cid (Scottish STV, 2 seats).').waitFor({ timeout: 15_000 });
  await chair.getByRole('table', { name: /^The count, stage by stage/ }).waitFor();
  assert.deepEqual(await seriousViolations(chair), [], 'the projector');

  // rita's phone: the result in German, and her ballot checked against the count run again from the tracker.
  await ballot.getByText('Gewählt: Ada, Cid (Schottisches STV, 2 Sitze).').waitFor({ timeout: 15_000 });
  await ballot.getByRole('cell', { name: '1,75000' }).first().waitFor();
  await ballot.getByRole('button', { name: 'Meine Stimme prüfen' }).focus();
  await rita.keyboard.press('Enter');
  await ballot
    .getByText(/Ihr Stimmzettel ist im veröffentlichten Ergebnis mit: 1\. Ada, 2\. Cid\./)
    .waitFor({ timeout: 10_000 });
  assert.deepEqual(await seriousViolations(rita), [], "the member's result");
  await rita.screenshot({ path: path.join(env.shots, 'ranked-result-phone.png'), fullPage: true });
  const wide = await rita.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `${wide} px too wide at 360 px: the stage table scrolls in its own region`);
  await rita.context().close();
  await chair.context().close();
});

test('the chair, in German on a 360 px phone by keyboard only, creates a Schulze vote; seats that do not fit are said under the seats', async () => {
  const api = await onStack();
  const chair = await signedInPage(env, 'chair', { locale: 'de-DE', width: 360 });
  const section = chair.getByRole('region', { name: 'Abstimmung leiten: Ranked Club' });
  const form = section.locator('form.create');
  const typeInto = async (label: string, text: string) => {
    await form.getByLabel(label, { exact: true }).focus();
    await chair.keyboard.press('ControlOrMeta+A');
    await chair.keyboard.type(text);
  };
  // Once the org has votes the form is folded under "Neue Abstimmung": opened from the keyboard.
  if ((await section.locator('details.create-panel').getAttribute('open')) === null) {
    await section.getByText('Neue Abstimmung', { exact: true }).focus();
    await chair.keyboard.press('Enter');
  }
  await form.getByLabel('Titel', { exact: true }).waitFor();
  await typeInto('Titel', 'Vorsitz');
  // The kind: the fourth of four, by the arrow keys.
  await form.getByLabel('Art des Stimmzettels').focus();
  for (let i = 0; i < 3; i++) await chair.keyboard.press('ArrowDown');
  await form.getByLabel('Auszählung nach').waitFor();
  assert.equal(await form.getByLabel('Art des Stimmzettels').inputValue(), 'ranked');
  await typeInto('Möglichkeiten, eine pro Zeile', 'Ada\nBea\nCid');
  await form.getByLabel('Auszählung nach').focus();
  await chair.keyboard.press('ArrowDown');
  assert.equal(await form.getByLabel('Auszählung nach').inputValue(), 'schulze');
  await typeInto('Zu besetzende Sitze', '3');
  await chair.keyboard.press('Enter');
  // Three seats of three options: refused, said under the seats, which take the focus.
  const seats = form.getByLabel('Zu besetzende Sitze');
  await chair.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
  assert.equal(await seats.getAttribute('aria-invalid'), 'true');
  assert.match((await form.getByRole('alert').textContent()) ?? '', /seats/);
  await typeInto('Zu besetzende Sitze', '1');
  await typeInto('Höchstens so viele Möglichkeiten einordnen (leer: alle)', '2');
  await chair.keyboard.press('Enter');
  await section.getByRole('article', { name: 'Vorsitz' }).waitFor({ timeout: 10_000 });
  const listed = await api.call<ElectionList>(
    'GET',
    `${api.events}/v1/orgs/ranked-club/elections`,
    await api.jwt('chair'),
  );
  const made = listed.body.elections.find((e) => e.title === 'Vorsitz')!;
  assert.deepEqual(made.ranked, { method: 'schulze', seats: 1, maxRanks: 2 });
  assert.deepEqual(await seriousViolations(chair), [], 'the create form');
  const overflow = await chair.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
  await chair.context().close();
});
