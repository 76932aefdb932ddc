/**
 * The web app in a real browser (Chromium from Debian) on the local stack as
 * `npm start` runs it: a member signs in through the development login with
 * the authorization code flow and PKCE and sees who they are; the address
 * bar never keeps the code; the page breaks no rule of its strict CSP; a
 * German browser gets German; nothing overflows a 320 px phone; axe-core
 * finds no serious violation on any page. Screenshots go to a folder the
 * test prints. A voter votes on a 360 px phone: the ballot is in the
 * database under the receipt the page showed, with the choice made, and the
 * receipt stays on the device across a reload; after the seal, "check my
 * ballot" finds it in the tracker, counted as cast.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import postgres from 'postgres';
import { localClient } from '../../local/stack/localClient.js';
import { browserOnStack, seriousViolations, devSubject } from '../helpers/browser.js';

const env = browserOnStack();

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
  await page.goto(`${env.stack.events}/app/`);
  await page.getByRole('button', { name: /Sign in|Anmelden/ }).click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel(devSubject).fill(subject);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${env.stack.events}/app/`);
}

test(
  'a member signs in with the code flow and PKCE; no code stays in the address bar; the CSP holds',
  { timeout: 120_000 },
  async () => {
    const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${env.stack.events}/app/`);
    await page.getByRole('heading', { name: 'Vote and run votes at your meeting' }).waitFor();
    await page.screenshot({ path: path.join(env.shots, 'sign-in.png'), fullPage: true });
    await signIn(page, 'chair');
    await page.locator('#who').getByText('Signed in as chair').waitFor();
    assert.equal(page.url(), `${env.stack.events}/app/`, 'no code or state left in the address bar');
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    assert.ok(!stored.includes('ekklesia.signin'), 'the PKCE verifier is gone after the round trip');
    await page.screenshot({ path: path.join(env.shots, 'signed-in.png'), fullPage: true });
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
    const context = await env.browser.newContext({ locale: 'de-DE', viewport: { width, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${env.stack.events}/app/`);
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width} px: ${overflow} px too wide`);
    if (width === 320) {
      // The switch in the bar names the other language in itself; the choice stays across a reload.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.reload();
      await page.getByRole('button', { name: 'Deutsch' }).waitFor();
    }
    await context.close();
  }
});

test(
  'axe-core finds no serious or critical violation on the sign-in page, the development login and the signed-in page',
  { timeout: 60_000 },
  async () => {
    // axe is injected as a script, which the app's CSP rightly refuses: this context alone bypasses it.
    const context = await env.browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${env.stack.events}/app/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'sign-in page');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/interaction\//);
    assert.deepEqual(await seriousViolations(page), [], 'development login');
    await page.screenshot({ path: path.join(env.shots, 'dev-login.png'), fullPage: true });
    await page.getByLabel(devSubject).fill('ann');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${env.stack.events}/app/`);
    await page.locator('#who').getByText('Signed in as ann').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'signed-in page');
    await context.close();
  },
);

test(
  'a voter on a phone casts a ballot: the receipt shown is the one stored, with the choice made',
  { timeout: 120_000 },
  async () => {
    process.env.EKKLESIA_DIR = env.stack.dir;
    const api = await localClient();
    const org = `web-${Date.now().toString(36)}`;
    const chair = await api.jwt('chair');
    const ok = (res: { status: number; body: unknown }) => {
      assert.ok(res.status < 300, JSON.stringify(res.body));
      return res.body;
    };
    ok(
      await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, {
        id: org,
        name: 'Web Club',
        admins: ['chair'],
      }),
    );
    ok(
      await api.call('PUT', `${api.events}/v1/orgs/${org}/members`, chair, {
        members: [{ subject: 'voter-1', role: 'member', status: 'active' }],
      }),
    );
    const { id } = ok(
      await api.call('POST', `${api.events}/v1/orgs/${org}/elections`, chair, {
        title: 'Adopt the budget',
        kind: 'yes_no_abstain',
      }),
    ) as { id: string };
    ok(await api.call('POST', `${api.events}/v1/orgs/${org}/elections/${id}/open`, chair, {}));

    const context = await env.browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const problems = watch(page);
    const tokenAsked = page.waitForResponse((r) => r.url().endsWith(`/v1/orgs/${org}/elections/${id}/token`));
    await signIn(page, 'voter-1');
    const card = page.getByRole('region', { name: 'Adopt the budget' });
    assert.equal((await tokenAsked).status(), 200, 'the page fetched the token when it listed the open election');
    await card.getByLabel('Yes').check();
    await page.screenshot({ path: path.join(env.shots, 'voter-ballot.png'), fullPage: true });
    const inTheClick: string[] = [];
    page.on('request', (r) => inTheClick.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await card.getByRole('button', { name: 'Cast my vote' }).click();
    await card.getByRole('button', { name: 'Yes, cast my vote' }).click();
    await card.getByRole('status').getByText('Your vote was counted.').waitFor();
    assert.deepEqual(
      inTheClick,
      [`POST /v1/elections/${id}/ballots`],
      'the cast is one request, with no token request',
    );
    const shown = (await card.locator('.receipt-id').textContent())!.trim();
    await page.screenshot({ path: path.join(env.shots, 'voter-receipt.png'), fullPage: true });

    const db = postgres(api.databaseUrl, { max: 1 });
    try {
      const rows = await db`select receipt, choices from ballot_box.ballots where election_id = ${id}`;
      assert.deepEqual(
        rows.map((r) => [r.receipt, r.choices]),
        [[shown, ['yes']]],
      );
    } finally {
      await db.end();
    }
    await page.reload();
    assert.equal((await card.locator('.receipt-id').textContent())!.trim(), shown, 'the receipt is kept on the device');
    assert.equal(await card.getByRole('button', { name: 'Cast my vote' }).count(), 0, 'no second ballot offered');
    const stored = await page.evaluate(() => ({ ...localStorage }));
    assert.deepEqual(
      Object.entries(stored).filter(([k]) => k.startsWith('ekklesia.ballot.')),
      [[`ekklesia.ballot.voter-1.${id}`, JSON.stringify({ receipt: shown, status: 'counted' })]],
      "the device keeps the receipt under the member's name, never the choice",
    );

    // After the seal, the device checks its ballot in the published tracker and the announced root.
    ok(await api.call('POST', `${api.events}/v1/orgs/${org}/elections/${id}/close`, chair));
    await page.reload();
    const sealed = page.getByRole('region', { name: 'Adopt the budget' });
    await sealed.getByRole('button', { name: 'Check my ballot' }).click();
    await sealed.getByRole('status').getByText('is in the published results with: Yes.').waitFor();
    await page.screenshot({ path: path.join(env.shots, 'voter-check.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test(
  'a ballot the queue takes (202) is polled until the page reads "counted" by itself (the device kept "queued" until then)',
  { timeout: 120_000 },
  async () => {
    process.env.EKKLESIA_DIR = env.stack.dir;
    const api = await localClient();
    const org = `queue-${Date.now().toString(36)}`;
    const chair = await api.jwt('chair');
    await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, {
      id: org,
      name: 'Queue Club',
      admins: ['chair'],
    });
    await api.call('PUT', `${api.events}/v1/orgs/${org}/members`, chair, {
      members: [{ subject: 'voter-q', role: 'member', status: 'active' }],
    });
    // The election's own mode: every ballot through the Cloud Tasks queue (the stand-in in the local stack).
    const created = await api.call<{ id: string }>('POST', `${api.events}/v1/orgs/${org}/elections`, chair, {
      title: 'Queued motion',
      kind: 'yes_no_abstain',
      ballotMode: 'queue',
    });
    assert.equal(created.status, 201);
    const { id } = created.body;
    assert.equal((await api.call('POST', `${api.events}/v1/orgs/${org}/elections/${id}/open`, chair, {})).status, 200);

    const context = await env.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, 'voter-q');
    const card = page.getByRole('region', { name: 'Queued motion' });
    await card.getByLabel('No').check();
    const answered = page.waitForResponse(
      (r) => r.url().endsWith(`/v1/elections/${id}/ballots`) && r.request().method() === 'POST',
    );
    const polled: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/receipt'))
        polled.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`);
    });
    await card.getByRole('button', { name: 'Cast my vote' }).click();
    await card.getByRole('button', { name: 'Yes, cast my vote' }).click();
    assert.equal((await answered).status(), 202, 'queued');
    await card.getByRole('status').getByText('Your vote was counted.').waitFor({ timeout: 30_000 });
    const kept = await page.evaluate((e) => localStorage.getItem(`ekklesia.ballot.voter-q.${e}`), id);
    assert.equal((JSON.parse(kept!) as { status: string }).status, 'counted');
    const receipt = (JSON.parse(kept!) as { receipt: string }).receipt;
    assert.ok(polled.length > 0, 'the page asked for the status');
    for (const asked of polled) {
      assert.equal(asked.startsWith(`POST /v1/elections/${id}/receipt-status`), true, asked);
      assert.equal(asked.includes(receipt), false, 'the receipt is never in a URL');
    }
    await context.close();
  },
);
