/**
 * The chair's console stays true, in a real browser on the local stack: a
 * vote closed from another device turns into "closed and counted" with its
 * results on the chair's page by itself, and so does a scheduled close (on a
 * member's phone too); closing asks for confirmation; the
 * running vote comes first; turnout reads "x of N eligible"; an expired
 * sign-in is said with "Sign in again" (in German, at 360 px), and one about
 * to end is offered renewal. axe-core checks the page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserOnStack, seriousViolations, signedInPage } from '../helpers/browser.js';
import { orgOnStack } from '../helpers/stackOrg.js';
import type { LocalClient } from '../../local/stack/localClient.js';

const env = browserOnStack();
const onStack = orgOnStack(env, { id: 'console', name: 'Console Club', members: ['m1', 'm2'] });
let api: LocalClient;

const chairApi = async (method: string, path: string, body?: unknown) =>
  api.call<{ id: string }>(method, `${api.events}/v1/orgs/console${path}`, await api.jwt('chair'), body);

async function chairPage(locale: string, width: number): Promise<Page> {
  api = await onStack();
  return signedInPage(env, 'chair', { locale, width });
}

test('a vote closed from another device is shown closed with its results, without a reload', async () => {
  api = await onStack();
  const draft = (await chairApi('POST', '/elections', { title: 'Later motion', kind: 'yes_no_abstain' })).body.id;
  const running = (await chairApi('POST', '/elections', { title: 'Running motion', kind: 'yes_no_abstain' })).body.id;
  assert.equal((await chairApi('POST', `/elections/${running}/open`, {})).status, 200);
  const page = await chairPage('en-GB', 1280);
  const section = page.getByRole('region', { name: 'Run a vote: Console Club' });
  const card = section.getByRole('article', { name: 'Running motion' });
  await card.getByText(/^Ballots cast: 0 of 3 eligible$/).waitFor();
  const titles = await section.locator('article h3').allTextContents();
  assert.deepEqual(
    titles.slice(0, 2),
    ['Running motion', 'Later motion'],
    `the running vote first: ${titles.join(' | ')}`,
  );
  assert.ok(draft);

  // Closing asks first; "Cancel" leaves it open. By keyboard: Enter on the button, Tab to Cancel, Enter.
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  await card.getByRole('button', { name: 'Close and count' }).focus();
  await page.keyboard.press('Enter');
  await card.getByRole('button', { name: 'Yes, close now: no more votes' }).waitFor();
  assert.equal(await focused(), 'Yes, close now: no more votes', 'the same button, asking again');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Cancel');
  await page.keyboard.press('Enter');
  await card.getByRole('button', { name: 'Close and count' }).waitFor();
  assert.equal(await focused(), 'Close and count', 'focus back on the button');
  // The room's links: members' phones and the kiosk, each as a link and a QR code.
  await section.getByText('Links for the room (QR codes)').click();
  const kiosk = `${env.stack.events}/app/?kiosk=1`;
  await section.getByRole('img', { name: `QR code of ${kiosk}` }).waitFor();
  assert.equal(await section.getByRole('link', { name: kiosk }).getAttribute('href'), kiosk);
  await section.getByRole('img', { name: `QR code of ${env.stack.events}/app/`, exact: true }).waitFor();
  await page.screenshot({ path: path.join(env.shots, 'chair-room-links.png'), fullPage: true });
  assert.deepEqual(await seriousViolations(page), [], "the chair's console");

  // Another device closes it: the page follows within its poll.
  assert.equal((await chairApi('POST', `/elections/${running}/close`, {})).status, 200);
  const closed = section.getByRole('article', { name: 'Running motion' });
  await closed.getByText('Closed and counted').waitFor({ timeout: 10_000 });
  await closed.getByRole('table').waitFor();
  assert.equal(await closed.getByRole('button', { name: 'Close and count' }).count(), 0, 'no control left to press');
  await page.context().close();
});

test("a scheduled close: the chair's page and a member's phone turn to the results by themselves", async () => {
  api = await onStack();
  // Closing 6 s from now; the stack's scheduler ticks every 5 s, the lifecycle worker closes it.
  const closesAt = new Date(Date.now() + 6000).toISOString();
  const id = (await chairApi('POST', '/elections', { title: 'Timed motion', kind: 'yes_no_abstain', closesAt })).body
    .id;
  assert.equal((await chairApi('POST', `/elections/${id}/open`, {})).status, 200);
  const page = await chairPage('en-GB', 1280);
  const member = await signedInPage(env, 'm1', { locale: 'en-GB', width: 360 });
  const card = page
    .getByRole('region', { name: 'Run a vote: Console Club' })
    .getByRole('article', { name: 'Timed motion' });
  await card.getByRole('button', { name: 'Close and count' }).waitFor();
  await member.getByRole('region', { name: 'Timed motion' }).getByLabel('Yes').waitFor();
  await card.getByText('Closed and counted').waitFor({ timeout: 40_000 });
  await card.getByRole('table').waitFor();
  assert.equal(await card.getByRole('button', { name: 'Close and count' }).count(), 0, 'no control left to press');
  // The member's page learns it from the poll (the close happened in the worker, not on this events instance).
  await member.getByRole('region', { name: 'Timed motion' }).getByRole('table').waitFor({ timeout: 10_000 });
  await member.getByRole('status').filter({ hasText: 'Results are in: Timed motion' }).waitFor();
  const [row] = await api
    .call<{ status: string }>('GET', `${api.events}/v1/orgs/console/elections/${id}`, await api.jwt('chair'))
    .then((r) => [r.body]);
  assert.equal(row?.status, 'sealed');
  await member.context().close();
  await page.context().close();
});

test('an expired sign-in is said with "Sign in again", in German on a phone; one about to end is offered renewal', async () => {
  const page = await chairPage('de-DE', 360);
  await page.getByRole('region', { name: 'Abstimmung leiten: Console Club' }).waitFor();
  // The events function now refuses this page's token, as it does once the token expired.
  // The handler answers without being awaited: closing the context later must not wait on an answer the page
  // abandoned when it reloaded.
  await page.route('**/v1/orgs/console/elections', (route) => {
    void route
      .fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'unauthenticated', message: 'expired', requestId: 'r' }),
      })
      .catch(() => {});
  });
  const banner = page.locator('#banner');
  await banner.getByText('Ihre Anmeldung ist abgelaufen: Diese Seite wird nicht mehr aktualisiert.').waitFor();
  await banner.getByRole('button', { name: 'Erneut anmelden' }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'the page with its banner');
  await page.unrouteAll({ behavior: 'ignoreErrors' });

  // A sign-in with two minutes left: the page offers renewal at once.
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem('ekklesia.session')!) as { expiresAt: number };
    sessionStorage.setItem('ekklesia.session', JSON.stringify({ ...session, expiresAt: Date.now() + 120_000 }));
  });
  await page.reload();
  await page.locator('#banner').getByText('Ihre Anmeldung endet in wenigen Minuten.').waitFor();
  // The click leaves for the provider and comes back to /app/, the URL it left from: wait for the new document (the
  // old one carries a mark), or the checks below would read the old page, banner and all.
  await page.evaluate(() => ((window as { beforeRenewal?: boolean }).beforeRenewal = true));
  await page.locator('#banner').getByRole('button', { name: 'Erneut anmelden' }).click();
  await page.waitForFunction(
    () => !(window as { beforeRenewal?: boolean }).beforeRenewal && location.pathname.endsWith('/app/'),
  );
  // The provider's session is still there: back on the page, signed in, the banner gone.
  await page.locator('#who').getByText('Angemeldet als chair').waitFor();
  await page.locator('#banner').waitFor({ state: 'hidden' });
  assert.equal(await page.locator('#banner').isVisible(), false);
  // Closing this device has hung inside Playwright now and then (after the route above and the renewal's
  // navigations); the teardown is bounded and said, and the browser itself is closed after the file.
  const closed = await Promise.race([
    page
      .context()
      .close()
      .then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 15_000).unref()),
  ]);
  if (!closed)
    console.log("# the expiry test's browser context did not close within 15 s; left to the browser's close");
});

test('the projector route in German: the question, turnout and a QR code on one screen, no controls; 360 px too', async () => {
  api = await onStack();
  const id = (await chairApi('POST', '/elections', { title: 'Beitrag erhöhen', kind: 'yes_no_abstain' })).body.id;
  const page = await chairPage('de-DE', 1280);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${env.stack.events}/app/?projector=console/${id}`);
  await page.getByRole('heading', { name: 'Beitrag erhöhen' }).waitFor();
  await page.getByText('Noch nicht geöffnet').waitFor();
  assert.equal((await chairApi('POST', `/elections/${id}/open`, {})).status, 200);
  // It follows the election by itself.
  await page.getByText('Jetzt auf dem Handy abstimmen').waitFor({ timeout: 10_000 });
  await page.getByText(/^Abgegebene Stimmen: 0 von 3 Stimmberechtigten$/).waitFor();
  assert.deepEqual(await page.locator('.options li').allTextContents(), ['Ja', 'Nein', 'Enthaltung']);
  await page.getByRole('img', { name: `QR-Code von ${env.stack.events}/app/` }).waitFor();
  assert.equal(await page.getByRole('button').count(), 0, 'no controls, not even sign-out');
  assert.equal(await page.locator('#who').isVisible(), false, 'nobody named');
  const over = () =>
    page.evaluate(() => [
      document.documentElement.scrollWidth - window.innerWidth,
      document.documentElement.scrollHeight - window.innerHeight,
    ]);
  assert.deepEqual(await over(), [0, 0], 'one 1280×720 screen');
  assert.deepEqual(await seriousViolations(page), [], 'the projector in German');
  await page.setViewportSize({ width: 360, height: 800 });
  assert.ok((await over())[0]! <= 0, 'no horizontal overflow at 360 px');
  assert.equal((await chairApi('POST', `/elections/${id}/close`, {})).status, 200);
  await page.getByText('Geschlossen und ausgezählt').waitFor({ timeout: 10_000 });
  assert.deepEqual(await page.getByRole('table').locator('tr').allTextContents(), [
    'Ja00 %',
    'Nein00 %',
    'Enthaltung00 %',
  ]);
  // `?projector=0` ends it: the tab is the chair's page again.
  await page.goto(`${env.stack.events}/app/?projector=0`);
  await page.getByRole('region', { name: 'Abstimmung leiten: Console Club' }).waitFor();
  await page.context().close();
});
