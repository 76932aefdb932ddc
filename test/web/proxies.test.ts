/**
 * Proxies in a real browser on the local stack: a holder's page shows their
 * own ballot and one for each member whose vote they hold (in English, on a
 * desktop; one of them by keyboard only), and casts each with its own choice; a delegator's page (in
 * German, at 360 px) says their proxy casts their vote instead of showing a
 * ballot; the database holds one ballot per member, and the chair's results
 * count them; and a member hands their own vote to a proxy and takes it
 * back from "My proxy" on their page. axe-core checks every page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import postgres from 'postgres';
import type { Page } from 'playwright-core';
import { browserOnStack, seriousViolations, signedInPage } from '../helpers/browser.js';
import { orgOnStack } from '../helpers/stackOrg.js';

const env = browserOnStack();
const onStack = orgOnStack(env, { id: 'proxies', name: 'Proxy Club', members: ['hal', 'dora', 'dirk', 'vic'] });

type Scope = ReturnType<Page['locator']>;

/** Chooses `option` in `ballot`, casts and confirms, and waits for "counted" in `after` (the ballot is replaced). */
async function castIn(ballot: Scope, after: Scope, option: string) {
  await ballot.getByLabel(option, { exact: true }).check();
  await ballot.getByRole('button', { name: 'Cast my vote' }).click();
  await ballot.getByRole('button', { name: 'Yes, cast my vote' }).click();
  await after.getByText('Your vote was counted.').waitFor();
}

test("a holder casts their own vote and two delegators'; a delegator is told who casts theirs", async () => {
  const api = await onStack();
  const chair = await api.jwt('chair');
  const call = (method: string, path: string, body?: unknown) =>
    api.call<{ id: string }>(method, `${api.events}/v1/orgs/proxies${path}`, chair, body);
  const roster = await call('PUT', '/members', {
    members: ['dora', 'dirk'].map((subject) => ({ subject, role: 'member', status: 'active', delegateTo: 'hal' })),
  });
  assert.equal(roster.status, 200);
  const id = (await call('POST', '/elections', { title: 'Budget 2027', kind: 'yes_no_abstain' })).body.id;
  assert.equal((await call('POST', `/elections/${id}/open`, {})).status, 200);

  const hal = await signedInPage(env, 'hal', { locale: 'en-GB', width: 1280 });
  const card = hal.getByRole('region', { name: 'Budget 2027' });
  await card.getByRole('region', { name: 'For dora' }).waitFor({ timeout: 10_000 });
  await card.getByRole('region', { name: 'For dirk' }).waitFor();
  assert.deepEqual(await seriousViolations(hal), [], "the holder's page");
  await castIn(card.locator(':scope > form'), card.locator(':scope > .receipt'), 'Yes');
  const forDora = card.getByRole('region', { name: 'For dora' });
  await castIn(forDora, forDora, 'No');
  // dirk's by keyboard only: Space chooses, Tab reaches the button, Enter casts, Enter confirms the review.
  const forDirk = card.getByRole('region', { name: 'For dirk' });
  await forDirk.getByLabel('Abstain', { exact: true }).focus();
  await hal.keyboard.press('Space');
  await hal.keyboard.press('Tab');
  await hal.keyboard.press('Enter');
  await forDirk.getByText('You chose: Abstain.', { exact: false }).waitFor();
  await hal.keyboard.press('Enter');
  await forDirk.getByText('Your vote was counted.').waitFor();

  const dora = await signedInPage(env, 'dora', { locale: 'de-DE', width: 360 });
  const hers = dora.getByRole('region', { name: 'Budget 2027' });
  await hers
    .getByText('Ein anderes Mitglied hält Ihre Stimme in dieser Abstimmung als Vertretung und gibt sie ab.')
    .waitFor({
      timeout: 10_000,
    });
  assert.equal(await hers.locator('form').count(), 0, 'no ballot of her own');
  const overflow = await dora.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
  assert.deepEqual(await seriousViolations(dora), [], "the delegator's page");

  const db = postgres(api.databaseUrl, { max: 1 });
  try {
    const ballots = await db<{ choice: string }[]>`
      select choices[1] as choice from ballot_box.ballots where election_id = ${id} order by 1`;
    assert.deepEqual(
      ballots.map((b) => b.choice),
      ['abstain', 'no', 'yes'],
    );
  } finally {
    await db.end();
  }
  // The chair, in German on a phone: the standing proxies under "Gewichte und Vertretungen".
  const chairPage = await signedInPage(env, 'chair', { locale: 'de-DE', width: 360 });
  const section = chairPage.getByRole('region', { name: 'Abstimmung leiten: Proxy Club' });
  await section.getByText('Gewichte und Vertretungen').click();
  const proxies = section.getByRole('table', {
    name: '2 Vertretungen: ab der nächsten geöffneten Abstimmung geben die Vertretungen diese Stimmen ab',
  });
  await proxies.waitFor({ timeout: 10_000 }); // the panel reads the roster when unfolded
  assert.deepEqual(await proxies.locator('tbody tr').allTextContents(), ['dirkhal', 'dorahal']);
  assert.deepEqual(await seriousViolations(chairPage), [], "the chair's page in German");
  const chairOverflow = await chairPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(chairOverflow <= 0, `${chairOverflow} px too wide at 360 px`);
  await chairPage.context().close();

  assert.equal((await call('POST', `/elections/${id}/close`, {})).status, 200);
  const table = hal.getByRole('region', { name: 'Budget 2027' }).getByRole('table');
  await table.waitFor({ timeout: 10_000 });
  assert.deepEqual(await table.locator('tr').allTextContents(), ['Yes1', 'No1', 'Abstain1']);
  await hal.context().close();
  await dora.context().close();
});

test('a member hands their vote to a proxy and takes it back, in German at 360 px by keyboard; English too', async () => {
  const api = await onStack();
  const vic = await signedInPage(env, 'vic', { locale: 'de-DE', width: 360 });
  const summary = vic.getByText('Meine Vertretung in Proxy Club');
  await summary.waitFor({ timeout: 10_000 });
  await summary.focus();
  await vic.keyboard.press('Enter');
  await vic.getByText('Sie geben Ihre Stimme selbst ab.').waitFor();
  await vic.getByLabel('Meine Stimme übergeben an (Mitglieds-ID)').focus();
  await vic.keyboard.type('hal');
  await vic.keyboard.press('Enter');
  await vic.getByText('hal gibt Ihre Stimme in den ab jetzt geöffneten Abstimmungen ab.', { exact: false }).waitFor();
  const db = postgres(api.databaseUrl, { max: 1 });
  const standing = async () =>
    (
      await db<{ delegateTo: string | null }[]>`
      select delegate_to as "delegateTo" from registry.members where org_id = 'proxies' and subject = 'vic'`
    )[0]!.delegateTo;
  try {
    assert.equal(await standing(), 'hal');
    assert.deepEqual(await seriousViolations(vic), [], "the member's proxy panel in German");
    const overflow = await vic.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
    await vic.getByRole('button', { name: 'Stimme zurücknehmen' }).focus();
    await vic.keyboard.press('Enter');
    await vic.getByText('Sie geben Ihre Stimme selbst ab.').waitFor();
    assert.equal(await standing(), null);
  } finally {
    await db.end();
  }
  await vic.context().close();

  const xen = await signedInPage(env, 'hal', { locale: 'en-GB', width: 1280 });
  await xen.getByText('My proxy in Proxy Club').click();
  await xen.getByText('You cast your own vote.').waitFor();
  assert.deepEqual(await seriousViolations(xen), [], "the member's proxy panel in English");
  await xen.context().close();
});
