/**
 * A weighted vote in a real browser on the local stack: a delegate of
 * weight 120 casts in German at 360 px by keyboard, and the page casts every
 * ballot of their bundle (100, 10, 10 and their head of 0) with the one
 * choice; the database holds four ballots carrying 120 units; the
 * projector's turnout counts
 * ballots of ballots, never members, and after the close its caption says
 * what the units are of; after the close the delegate's
 * page and the chair's console (in English) show the option's units and
 * the caption "… ballots · … votes by weight · … of … members voted", and the chair's roster panel
 * the members' weights. axe-core checks both pages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import postgres from 'postgres';
import { browserOnStack, seriousViolations, signedInPage } from '../helpers/browser.js';
import { orgOnStack } from '../helpers/stackOrg.js';

const env = browserOnStack();
const onStack = orgOnStack(env, { id: 'delegates', name: 'Delegates', members: [] });

test('a delegate of weight 120 votes in German by keyboard; the page casts the whole bundle, the results show units', async () => {
  const api = await onStack();
  const chair = await api.jwt('chair');
  const call = (method: string, path: string, body?: unknown) =>
    api.call<{ id: string }>(method, `${api.events}/v1/orgs/delegates${path}`, chair, body);
  const roster = await call('PUT', '/members', {
    members: [
      { subject: 'wil', role: 'member', status: 'active', weight: 120 },
      { subject: 'nor', role: 'member', status: 'active', weight: 1 },
    ],
  });
  assert.equal(roster.status, 200);
  // anonymityK 1: a roster this small keeps its classes (k = 5 would cast wil's weight as 120 ballots of 1).
  const id = (
    await call('POST', '/elections', { title: 'Haushalt', kind: 'yes_no_abstain', weights: { anonymityK: 1 } })
  ).body.id;
  assert.equal((await call('POST', `/elections/${id}/open`, {})).status, 200);

  // The projector while the vote runs: ballots of ballots, never read as members (wil's 3, nor's 1, chair's 1, and
  // each one's head).
  const chairPage = await signedInPage(env, 'chair', { locale: 'en-GB', width: 1280 });
  await chairPage.goto(`${env.stack.events}/app/?projector=delegates/${id}`);
  await chairPage
    .getByText('Ballots cast: 0 of 8 (a ballot per denomination of each weight, and one per member)')
    .waitFor({ timeout: 10_000 });

  const wil = await signedInPage(env, 'wil', { locale: 'de-DE', width: 360 });
  const card = wil.getByRole('region', { name: 'Haushalt' });
  await card.getByLabel('Ja').waitFor({ timeout: 10_000 });
  await card.getByLabel('Ja').focus();
  await wil.keyboard.press('Space');
  await wil.keyboard.press('Tab');
  await wil.keyboard.press('Enter');
  await card.getByText('Ihre Wahl: Ja.', { exact: false }).waitFor();
  await wil.keyboard.press('Enter');
  await card.getByText('Ihre Stimme wurde gezählt.').waitFor();

  const db = postgres(api.databaseUrl, { max: 1 });
  try {
    const ballots = await db<{ choices: string[]; units: number }[]>`
      select choices, units from ballot_box.ballots where election_id = ${id} order by units desc`;
    assert.deepEqual(
      ballots.map((b) => [b.choices.join(), b.units]),
      [
        ['yes', 100],
        ['yes', 10],
        ['yes', 10],
        ['yes', 0],
      ],
    );
  } finally {
    await db.end();
  }

  assert.equal((await call('POST', `/elections/${id}/close`, {})).status, 200);
  const table = wil.getByRole('region', { name: 'Haushalt' }).getByRole('table');
  await table.waitFor({ timeout: 10_000 });
  assert.deepEqual(await table.locator('tr').allTextContents(), ['Ja120', 'Nein0', 'Enthaltung0']);
  assert.equal(
    await table.locator('caption').textContent(),
    'Ergebnis: 4 Stimmzettel · 120 Stimmen nach Gewicht · Abgestimmt: 1 von 3 Mitgliedern',
  );
  const overflow = await wil.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
  assert.deepEqual(await seriousViolations(wil), [], "the delegate's page");
  await wil.context().close();

  // The projector follows the close: units, and what they are of.
  await chairPage
    .getByText('Results: 4 ballots · 120 votes by weight (of 122 votes by weight) · 1 of 3 members voted')
    .waitFor({ timeout: 10_000 });
  assert.deepEqual(await seriousViolations(chairPage), [], 'the projector');
  await chairPage.goto(`${env.stack.events}/app/?projector=0`);
  const sealed = chairPage
    .getByRole('region', { name: 'Run a vote: Delegates' })
    .getByRole('article', { name: 'Haushalt' });
  await sealed.getByRole('table').waitFor({ timeout: 10_000 });
  assert.equal(
    await sealed.locator('caption').textContent(),
    'Results: 4 ballots · 120 votes by weight · 1 of 3 members voted',
  );
  assert.deepEqual(await sealed.locator('tr').allTextContents(), ['Yes120', 'No0', 'Abstain0']);
  // The roster's weights, folded under the room's links.
  const section = chairPage.getByRole('region', { name: 'Run a vote: Delegates' });
  await section.getByText('Weights and proxies').click();
  await section.getByText('3 active members, 122 votes by weight.').waitFor();
  const weights = section.getByRole('table', { name: '1 member weighs more than 1' });
  await weights.waitFor();
  assert.deepEqual(await weights.locator('tbody tr').allTextContents(), ['wil120']);
  assert.deepEqual(await seriousViolations(chairPage), [], "the chair's console");
  await chairPage.context().close();
});
