/**
 * The whole vote through the web app, as the issue describes it: a chair and
 * three voters in separate browser contexts sign in through the development
 * login; the chair creates and opens an election; each voter votes (one on a
 * 360 px phone); the chair's page shows turnout reaching 3 by itself, closes,
 * and shows the results and the tracker root; each voter's "check my ballot"
 * confirms their ballot counted as cast. The projector route, opened from
 * the chair's page, shows the question, its options, turnout and a QR code
 * on one 1080p screen with no controls, then the results. axe-core checks
 * the chair's page and the projector.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserOnStack, seriousViolations, devSubject } from '../helpers/browser.js';
import { localClient } from '../../local/stack/localClient.js';

const env = browserOnStack();

/** Nothing wider than the viewport (a layout that breaks on a phone or a projector). */
async function fits(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: ${overflow} px too wide`);
}

/** Nothing beyond the screen either way: the room sees all of it without scrolling. */
async function fitsScreen(page: Page, what: string): Promise<void> {
  const over = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  assert.ok(over.x <= 0 && over.y <= 0, `${what}: ${over.x} px too wide, ${over.y} px too tall`);
}

async function signedIn(subject: string, width = 1280, bypassCSP = false): Promise<Page> {
  const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width, height: 900 }, bypassCSP });
  const page = await context.newPage();
  await page.goto(`${env.stack.events}/app/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel(devSubject).fill(subject);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${env.stack.events}/app/`);
  await page.locator('#who').getByText(`Signed in as ${subject}`).waitFor();
  return page;
}

test('a chair and three voters run a whole vote in the browser', { timeout: 240_000 }, async () => {
  process.env.EKKLESIA_DIR = env.stack.dir;
  const api = await localClient();
  const voters = ['voter-1', 'voter-2', 'voter-3'];
  const bootstrap = await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, {
    id: 'riverside',
    name: 'Riverside Club',
    admins: ['chair'],
  });
  assert.equal(bootstrap.status, 201);
  const roster = await api.call('PUT', `${api.events}/v1/orgs/riverside/members`, await api.jwt('chair'), {
    members: voters.map((subject) => ({ subject, role: 'member', status: 'active' })),
  });
  assert.equal(roster.status, 200);

  // The chair's page bypasses CSP so axe can be injected; the voters' pages keep it.
  const chair = await signedIn('chair', 1280, true);
  const section = chair.getByRole('region', { name: 'Run a vote: Riverside Club' });
  // A title is counted as the API counts it (code points): 150 emoji pass, 201 characters are stopped before sending.
  const titleField = section.getByLabel('Title');
  const validation = () => titleField.evaluate((e) => (e as HTMLInputElement).validationMessage);
  await titleField.fill('🗳'.repeat(150));
  assert.equal(await validation(), '');
  await titleField.fill('x'.repeat(201));
  assert.equal(await validation(), 'At most 200 characters.');
  await section.getByLabel('Title').fill('Elect the treasurer');
  await section.getByLabel('Kind of ballot').selectOption('single');
  await section.getByLabel('Options, one per line').fill('Ada\nBrook\nCyd');
  // A closing time an hour ahead: the chair closes it earlier by hand.
  await section
    .getByLabel('Closes by itself at')
    .fill(new Date(Date.now() + 3600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
  await section.getByRole('button', { name: 'Create' }).click();
  const card = section.getByRole('article', { name: 'Elect the treasurer' });
  await card.getByRole('button', { name: 'Open the vote' }).click();
  await card.getByText('Open: members can vote').waitFor();
  const listed = await api.call<{ elections: { title: string; closesAt: string | null }[] }>(
    'GET',
    `${api.events}/v1/orgs/riverside/elections`,
    await api.jwt('chair'),
  );
  const closesAt = Date.parse(listed.body.elections[0]!.closesAt!);
  assert.ok(Math.abs(closesAt - (Date.now() + 3600_000)) < 5 * 60_000, 'the schedule was stored');
  await card.getByText(/^Ballots cast: 0 of \d+ eligible$/).waitFor();
  assert.deepEqual(await seriousViolations(chair), [], "the chair's page");
  await fits(chair, "the chair's page at 1280 px");
  await chair.screenshot({ path: path.join(env.shots, 'chair-open.png'), fullPage: true });

  const choices = ['Ada', 'Brook', 'Ada'];
  const pages: Page[] = [];
  for (const [i, subject] of voters.entries()) {
    // The third voter's page bypasses CSP so axe can check the ballot page; the first two keep it.
    const page = await signedIn(subject, i === 0 ? 360 : 1024, i === 2);
    const ballot = page.getByRole('region', { name: 'Elect the treasurer' });
    await ballot.getByLabel(choices[i]!).waitFor();
    if (i === 0) await fits(page, 'the ballot page at 360 px');
    if (i === 2) assert.deepEqual(await seriousViolations(page), [], 'the ballot page');
    if (i === 1) {
      // The second voter uses the keyboard only: Tab into the choices, an arrow to Brook, Tab to the button, Enter.
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      assert.equal(await ballot.getByLabel('Brook').isChecked(), true, 'the arrow key chose Brook');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cast my vote');
      await page.keyboard.press('Enter');
      // The review says what was chosen, and its "cast" button has the focus.
      await ballot.getByText('You chose: Brook. Cast this vote?').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Yes, cast my vote');
      await page.keyboard.press('Enter');
    } else {
      await ballot.getByLabel(choices[i]!).check();
      await ballot.getByRole('button', { name: 'Cast my vote' }).click();
      await ballot.getByRole('button', { name: 'Yes, cast my vote' }).click();
    }
    await ballot.getByText('Your vote was counted.').waitFor();
    pages.push(page);
  }
  // Turnout reaches 3 on the chair's page by itself (its poll), without a reload.
  await card.getByText(/Ballots cast: 3 of \d+ eligible/).waitFor({ timeout: 15_000 });

  await chair.setViewportSize({ width: 320, height: 900 });
  await fits(chair, "the chair's page at 320 px");
  // The projector route, in a window of its own on the room's 1080p screen: no controls, nothing of the chair's.
  await chair.setViewportSize({ width: 1280, height: 900 });
  const [projector] = await Promise.all([
    chair.waitForEvent('popup'),
    card.getByRole('button', { name: 'Projector view' }).click(),
  ]);
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.getByRole('heading', { name: 'Elect the treasurer' }).waitFor();
  await projector.getByText(/^Ballots cast: 3 of \d+ eligible$/).waitFor();
  assert.deepEqual(await projector.locator('.options li').allTextContents(), ['Ada', 'Brook', 'Cyd'], 'the options');
  await projector.getByRole('img', { name: `QR code of ${env.stack.events}/app/` }).waitFor();
  assert.equal(await projector.getByRole('button').count(), 0, 'no controls for the room');
  assert.equal(await projector.getByText('chair', { exact: false }).count(), 0, "nothing of the chair's");
  await projector.screenshot({ path: path.join(env.shots, 'chair-projector.png') });
  await fitsScreen(projector, 'the projector while open');
  assert.deepEqual(await seriousViolations(projector), [], 'the projector view');
  await projector.screenshot({ path: path.join(env.shots, 'chair-projector.png') });

  await card.getByRole('button', { name: 'Close and count' }).click();
  await card.getByRole('button', { name: 'Yes, close now: no more votes' }).click();
  const results = section.getByRole('article', { name: 'Elect the treasurer' }).getByRole('table');
  await results.waitFor();
  const rows = await results.locator('tr').allTextContents();
  assert.deepEqual(rows, ['Ada2', 'Brook1', 'Cyd0']);
  const root = (await section.locator('.root code').textContent())!.trim();
  assert.match(root, /^[0-9a-f]{64}$/);
  await chair.screenshot({ path: path.join(env.shots, 'chair-results.png'), fullPage: true });
  // The projector follows by itself: the results, with bars and the fingerprint, on one screen.
  const shown = projector.getByRole('table');
  await shown.waitFor({ timeout: 10_000 });
  assert.deepEqual(await shown.locator('tr').allTextContents(), ['Ada266.7 %', 'Brook133.3 %', 'Cyd00 %']);
  await projector.getByText(root.slice(0, 16)).waitFor();
  await fitsScreen(projector, 'the projector with results');
  assert.deepEqual(await seriousViolations(projector), [], 'the projector with results');
  await projector.screenshot({ path: path.join(env.shots, 'projector-results.png') });
  await projector.close();

  for (const [i, page] of pages.entries()) {
    await page.reload();
    const sealed = page.getByRole('region', { name: 'Elect the treasurer' });
    // Every member sees the results on their phone.
    await sealed.getByRole('table').waitFor();
    assert.deepEqual(await sealed.getByRole('table').locator('tr').allTextContents(), ['Ada2', 'Brook1', 'Cyd0']);
    await sealed.getByRole('button', { name: 'Check my ballot' }).click();
    await sealed
      .getByText(
        `is in the published results with: ${choices[i]}. The list of ballots matches the announced fingerprint (${root.slice(0, 16)}`,
      )
      .waitFor();
  }
});
