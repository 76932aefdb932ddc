/**
 * The web app in a real browser (Chromium from Debian) on the local stack as
 * `npm start` runs it: a member signs in through the development login with
 * the authorization code flow and PKCE and sees who they are; the address
 * bar never keeps the code; the page breaks no rule of its strict CSP; a
 * German browser gets German; nothing overflows a 320 px phone; axe-core
 * finds no serious violation on any page. Screenshots go to a folder the
 * test prints.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../helpers/localStack.js';
import { launchChromium, screenshotDir, seriousViolations } from '../helpers/browser.js';

let stack: LocalStack;
let browser: Browser;
const shots = screenshotDir();
before(async () => {
  [stack, browser] = await Promise.all([startLocalStack(), launchChromium()]);
  console.log(`screenshots: ${shots}`);
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Records what the browser refused under the page's CSP, and any script error. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

async function signIn(page: Page, subject: string): Promise<void> {
  await page.goto(`${stack.events}/app/`);
  await page.getByRole('button', { name: /Sign in|Anmelden/ }).click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel('Subject (member id)').fill(subject);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${stack.events}/app/`);
}

test(
  'a member signs in with the code flow and PKCE; no code stays in the address bar; the CSP holds',
  { timeout: 120_000 },
  async () => {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${stack.events}/app/`);
    await page.getByRole('heading', { name: 'Vote and run votes at your meeting' }).waitFor();
    await page.screenshot({ path: path.join(shots, 'sign-in.png'), fullPage: true });
    await signIn(page, 'chair');
    await page.locator('#who').getByText('Signed in as chair').waitFor();
    assert.equal(page.url(), `${stack.events}/app/`, 'no code or state left in the address bar');
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    assert.ok(!stored.includes('ekklesia.signin'), 'the PKCE verifier is gone after the round trip');
    await page.screenshot({ path: path.join(shots, 'signed-in.png'), fullPage: true });
    assert.deepEqual(problems, []);

    await page.reload();
    await page.locator('#who').getByText('Signed in as chair').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await context.close();
  },
);

test('German for a German browser; no horizontal overflow from 320 px to 1920 px', { timeout: 60_000 }, async () => {
  for (const width of [320, 1920]) {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${stack.events}/app/`);
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width} px: ${overflow} px too wide`);
    await context.close();
  }
});

test(
  'axe-core finds no serious or critical violation on the sign-in page, the development login and the signed-in page',
  { timeout: 60_000 },
  async () => {
    // axe is injected as a script, which the app's CSP rightly refuses: this context alone bypasses it.
    const context = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${stack.events}/app/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'sign-in page');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/interaction\//);
    assert.deepEqual(await seriousViolations(page), [], 'development login');
    await page.screenshot({ path: path.join(shots, 'dev-login.png'), fullPage: true });
    await page.getByLabel('Subject (member id)').fill('ann');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${stack.events}/app/`);
    await page.locator('#who').getByText('Signed in as ann').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'signed-in page');
    await context.close();
  },
);
