/**
 * A real browser for the web app's tests: Chromium from Debian's packages
 * (.ci/run installs it; nothing is downloaded), driven by playwright-core.
 * Screenshots go to one folder per run, which the test prints.
 */
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, after } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from './localStack.js';
import { createRequire } from 'node:module';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function launchChromium(): Promise<Browser> {
  const executablePath = candidates.find((p): p is string => !!p && existsSync(p));
  if (!executablePath) throw new Error('Chromium is not installed: apt-get install chromium (.ci/run does)');
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

export function screenshotDir(): string {
  const dir = path.join(os.tmpdir(), `ekklesia-screens-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is (the page's context must bypass CSP to load axe). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const results = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes})`);
}

/**
 * For a test file: the local stack as `npm start` runs it and Chromium,
 * started before its tests and stopped after them, and the folder its
 * screenshots go to (printed).
 */
export function browserOnStack(): { stack: LocalStack; browser: Browser; shots: string } {
  const env = { shots: screenshotDir() } as { stack: LocalStack; browser: Browser; shots: string };
  before(async () => {
    [env.stack, env.browser] = await Promise.all([startLocalStack(), launchChromium()]);
    console.log(`screenshots: ${env.shots}`);
  });
  after(async () => {
    await env.browser?.close();
    await env.stack?.stop();
  });
  return env;
}

/** The development login's subject field and its button, in either language (it follows the browser's). */
export const devSubject = /^(Subject \(member id\)|Kennung \(Mitglieds-ID\))$/;
export const devSubmit = /^(Sign in|Anmelden)$/;

/**
 * A new page of its own browser context (a device), signed in as `subject` through the development login from the
 * app's own button. CSP is bypassed so axe can be injected (signIn.test.ts checks the app's CSP).
 */
export async function signedInPage(
  env: { stack: LocalStack; browser: Browser },
  subject: string,
  /** touch: a phone's touch screen (taps, not clicks). */
  device: { locale: string; width: number; height?: number; touch?: boolean },
): Promise<Page> {
  const context = await env.browser.newContext({
    locale: device.locale,
    viewport: { width: device.width, height: device.height ?? 900 },
    bypassCSP: true,
    ...(device.touch ? { hasTouch: true, isMobile: true } : {}),
  });
  const page = await context.newPage();
  await page.goto(`${env.stack.events}/app/`);
  await page.getByRole('button', { name: devSubmit }).click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel(devSubject).fill(subject);
  await page.getByRole('button', { name: devSubmit }).click();
  await page.waitForURL(/\/app\/$/);
  // The address is /app/ before the code is exchanged (auth.ts): wait until the page is signed in.
  await page
    .locator('#who')
    .getByText(/^(Signed in as|Angemeldet als) /)
    .waitFor();
  return page;
}
