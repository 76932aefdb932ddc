/**
 * A device members share, in a real browser on the local stack: member A
 * votes and signs out, member B signs in on the same browser and gets a
 * ballot of their own, with nothing of A's on screen or stored (sign-out
 * ends the provider's session, so "Sign in" asks who is signing in); and a
 * kiosk (`/app/?kiosk=1`, in German, keyboard only, at 360 px) that
 * forgets each member after their cast and returns to sign-in; and a cast
 * whose every answer is lost on the way back is found counted by its
 * receipt instead of "not cast yet". axe-core checks the pages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { browserOnStack, seriousViolations, devSubject, devSubmit } from '../helpers/browser.js';
import { localClient, type LocalClient } from '../../local/stack/localClient.js';
import { stackOrg } from '../helpers/stackOrg.js';

const env = browserOnStack();
let api: LocalClient;
let electionId: string;

/** The hall's org, its members and an open election, once, on the stack the browser uses. */
let ready: Promise<void> | undefined;
const hall = () => (ready ??= setUp());
async function setUp(): Promise<void> {
  process.env.EKKLESIA_DIR = env.stack.dir;
  api = await localClient();
  const members = ['member-a', 'member-b', 'member-c', 'member-d', 'member-e'];
  await stackOrg(api, { id: 'hall', name: 'Hall', members });
  const chair = await api.jwt('chair');
  const created = await api.call<{ id: string }>('POST', `${api.events}/v1/orgs/hall/elections`, chair, {
    title: 'Adopt the minutes',
    kind: 'yes_no_abstain',
  });
  assert.equal(created.status, 201);
  electionId = created.body.id;
  const opened = await api.call('POST', `${api.events}/v1/orgs/hall/elections/${electionId}/open`, chair, {});
  assert.equal(opened.status, 200);
}

/** Through the development login, from the app's sign-in button (whatever its language). */
async function signInAs(page: Page, subject: string, loginLang?: 'en' | 'de'): Promise<void> {
  await page.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await page.waitForURL(/\/interaction\//, { timeout: 10_000 });
  if (loginLang) assert.equal(await page.evaluate(() => document.documentElement.lang), loginLang, 'the login page');
  await page.getByLabel(devSubject).fill(subject);
  await page.getByRole('button', { name: devSubmit }).click();
  await page.waitForURL(/\/app\/$/);
}

/** Everything the app's origin keeps in this browser: its storages, as text. */
async function stored(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

const ballotsCast = async () =>
  (
    await api.call<{ turnout: { ballotsCast: number } }>(
      'GET',
      `${api.events}/v1/orgs/hall/elections/${electionId}`,
      await api.jwt('chair'),
    )
  ).body.turnout.ballotsCast;

async function device(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  await hall();
  // CSP bypassed so axe can be injected; the app's own CSP is checked by signIn.test.ts.
  const context = await env.browser.newContext({ locale, viewport: { width: 360, height: 800 }, bypassCSP: true });
  return { context, page: await context.newPage() };
}

test('one browser, two members: after A signs out, B signs in anew and votes; nothing of A remains', async () => {
  const { context, page } = await device('en-GB');
  await page.goto(`${env.stack.events}/app/`);
  await signInAs(page, 'member-a');
  const ballot = page.getByRole('region', { name: 'Adopt the minutes' });
  // The review before the final tap: A changes their mind once.
  await ballot.getByLabel('No', { exact: true }).check();
  await ballot.getByRole('button', { name: 'Cast my vote' }).click();
  await ballot.getByText('You chose: No. Cast this vote?').waitFor();
  await ballot.getByRole('button', { name: 'Change my choice' }).click();
  await ballot.getByLabel('Yes').check();
  await ballot.getByRole('button', { name: 'Cast my vote' }).click();
  await ballot.getByText('You chose: Yes. Cast this vote?').waitFor();
  await ballot.getByRole('button', { name: 'Yes, cast my vote' }).click();
  await ballot.getByText('Your vote was counted.').waitFor();
  const receiptA = (await ballot.locator('.receipt-id').textContent())!.trim();
  assert.match(await stored(page), new RegExp(receiptA), 'while A is signed in, the device keeps the receipt');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  const left = await stored(page);
  assert.doesNotMatch(left, /member-a/, 'nothing keyed by A');
  assert.doesNotMatch(left, new RegExp(receiptA), "A's receipt is gone");
  assert.deepEqual(await seriousViolations(page), [], 'the signed-out page');

  // The provider's session ended: "Sign in" asks who (before, it came back silently as A).
  await signInAs(page, 'member-b');
  await page.locator('#who').getByText('Signed in as member-b').waitFor();
  const ballotB = page.getByRole('region', { name: 'Adopt the minutes' });
  assert.equal(await ballotB.getByText('Your vote was counted.').count(), 0, "A's receipt is not shown to B");
  assert.equal(await page.getByText(receiptA).count(), 0);
  await ballotB.getByLabel('No').check();
  await ballotB.getByRole('button', { name: 'Cast my vote' }).click();
  await ballotB.getByRole('button', { name: 'Yes, cast my vote' }).click();
  await ballotB.getByText('Your vote was counted.').waitFor();
  assert.equal(await ballotsCast(), 2, 'both members voted, each once');
  // Back from the page after voting stays in the app (it landed on the provider's expired sign-in page). The page
  // left carries a mark, so the checks read the document that Back brings, not the one it left at the same URL.
  await page.evaluate(() => ((window as { beforeBack?: boolean }).beforeBack = true));
  await page.goBack();
  await page.waitForFunction(
    () => !(window as { beforeBack?: boolean }).beforeBack && location.pathname.endsWith('/app/'),
  );
  await page.locator('#who').getByText('Signed in as member-b').waitFor();
  await page.screenshot({ path: path.join(env.shots, 'shared-device-b.png'), fullPage: true });
  await context.close();
});

test('a kiosk, in German and by keyboard: each member votes, the device forgets them and asks the next', async () => {
  const { context, page } = await device('de-DE');
  await page.goto(`${env.stack.events}/app/?kiosk=1`);
  await page.locator('#who').getByText('Gemeinsames Gerät').waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'the kiosk sign-in page');
  const before = await ballotsCast();
  for (const subject of ['member-c', 'member-d']) {
    await signInAs(page, subject, 'de'); // the development login follows the browser's language too
    const ballot = page.getByRole('region', { name: 'Adopt the minutes' });
    await ballot.getByRole('button', { name: 'Stimme abgeben' }).waitFor();
    // The fixed options in the reader's language (they said Yes/No/Abstain on a German ballot).
    assert.deepEqual(await ballot.locator('.choice label').allTextContents(), ['Ja', 'Nein', 'Enthaltung']);
    // Keyboard only: Tab to the choices, an arrow to the second, Tab to the button, Enter.
    await ballot.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await ballot.getByText('Ihre Wahl: Nein. Diese Stimme abgeben?').waitFor();
    await page.keyboard.press('Enter'); // "Ja, Stimme abgeben" has the focus
    await ballot.getByText('Ihre Stimme wurde gezählt.').waitFor();
    assert.doesNotMatch(await stored(page), /ekklesia\.ballot/, 'a kiosk writes no receipt to the device');
    await ballot.getByText(/Dieses Gerät vergisst Sie in \d+ s/).waitFor();
    if (subject === 'member-c') assert.deepEqual(await seriousViolations(page), [], 'the kiosk receipt');
    await ballot.getByRole('button', { name: 'Fertig: nächstes Mitglied' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
    assert.doesNotMatch(await stored(page), new RegExp(subject), `nothing of ${subject} stays`);
  }
  assert.equal(await ballotsCast(), before + 2);
  await page.screenshot({ path: path.join(env.shots, 'kiosk-signed-out.png'), fullPage: true });
  await context.close();
});

test('every answer to the cast lost on the way back: the app finds the receipt counted and says so', async () => {
  const { context, page } = await device('en-GB');
  await page.goto(`${env.stack.events}/app/`);
  await signInAs(page, 'member-e');
  let forwarded = 0;
  // The ballot reaches the elections function; its answer never reaches the page.
  await page.route('**/v1/elections/*/ballots', async (route) => {
    await route.fetch();
    forwarded++;
    await route.abort('connectionreset');
  });
  const ballot = page.getByRole('region', { name: 'Adopt the minutes' });
  await ballot.getByLabel('Abstain').check();
  await ballot.getByRole('button', { name: 'Cast my vote' }).click();
  await ballot.getByRole('button', { name: 'Yes, cast my vote' }).click();
  await ballot.getByText('Your vote was counted.').waitFor({ timeout: 10_000 });
  assert.equal(forwarded, 1, 'found by its receipt after the first lost answer, not cast again');
  const receipt = (await ballot.locator('.receipt-id').textContent())!.trim();
  const status = await api.call<{ status: string }>(
    'GET',
    `${api.elections}/v1/elections/${electionId}/receipts/${receipt}`,
  );
  assert.equal(status.body.status, 'counted');
  await context.close();
});

test('the sign-in service away: the page says so, and the same button tries again', async () => {
  const { context, page } = await device('en-GB');
  await page.goto(`${env.stack.events}/app/`);
  await page.route('**/.well-known/openid-configuration', (route) => route.abort('connectionrefused'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('alert')
    .getByText('The sign-in service cannot be reached right now.', { exact: false })
    .waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'the sign-in page with its message');
  await page.unroute('**/.well-known/openid-configuration');
  await signInAs(page, 'member-a');
  await page.locator('#who').getByText('Signed in as member-a').waitFor();
  await context.close();
});
