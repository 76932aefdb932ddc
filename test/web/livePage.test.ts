/**
 * The member's page is live, in a real browser on the local stack: a vote
 * the chair opens shows on a phone without a reload (the first poll after
 * the open carries it; the page asks every 1.3–1.5 s) with an announced
 * banner; a choice being made survives the page learning of another vote;
 * a closed vote turns into its results without a reload. In English and in
 * German at 360 px, cast by keyboard only; axe-core checks the pages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserOnStack, seriousViolations, signedInPage } from '../helpers/browser.js';
import { orgOnStack } from '../helpers/stackOrg.js';
import type { LocalClient } from '../../local/stack/localClient.js';

const env = browserOnStack();
const onStack = orgOnStack(env, { id: 'hall', name: 'Hall Club', members: ['ann', 'bea'] });
let api: LocalClient;

const chairApi = async (method: string, path: string, body?: unknown) =>
  api.call<{ id: string }>(method, `${api.events}/v1/orgs/hall${path}`, await api.jwt('chair'), body);

/** The page's polls: when each was sent, what it was answered, and when the answer had arrived. */
function polls(page: Page): { sentAt: number; status: number; doneAt: number }[] {
  const seen: { sentAt: number; status: number; doneAt: number }[] = [];
  const sent = new Map<object, number>();
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/me/elections')) sent.set(r, Date.now());
  });
  // The answer (a 304 has no body to finish: Playwright reports no requestfinished for it).
  page.on('response', (r) => {
    const at = sent.get(r.request());
    if (at !== undefined) seen.push({ sentAt: at, status: r.status(), doneAt: Date.now() });
  });
  return seen;
}

async function opened(title: string, options?: string[]): Promise<{ id: string; at: number }> {
  const body = options
    ? { title, kind: 'single', options: options.map((label, i) => ({ id: `o${i + 1}`, label })) }
    : { title, kind: 'yes_no_abstain' };
  const id = (await chairApi('POST', '/elections', body)).body.id;
  assert.equal((await chairApi('POST', `/elections/${id}/open`, {})).status, 200);
  return { id, at: Date.now() };
}

test('a vote opened by the chair shows on the phone by itself, announced; its results follow the close', async () => {
  api = await onStack();
  const ann = await signedInPage(env, 'ann', { locale: 'en-GB', width: 360 });
  await ann.getByText('No vote is open for you right now.', { exact: false }).waitFor();
  const seen = polls(ann);
  await ann.waitForResponse((r) => r.url().endsWith('/v1/me/elections') && r.status() === 304);

  const first = await opened('Adopt the budget');
  const card = ann.getByRole('region', { name: 'Adopt the budget' });
  await card.getByLabel('Yes').waitFor({ timeout: 10_000 });
  const shownAfter = Date.now() - first.at;
  const news = ann.getByRole('status').filter({ hasText: 'New vote: Adopt the budget' });
  await news.waitFor();
  // The first poll sent after the open committed already carried it (no stale view on the server).
  const after = seen.filter((p) => p.sentAt >= first.at);
  assert.equal(after[0]?.status, 200, `the first poll after the open: ${JSON.stringify(seen)}`);
  const unchanged = seen.filter((p) => p.sentAt < first.at);
  assert.ok(unchanged.length >= 1 && unchanged.every((p) => p.status === 304), 'before it, 304s');
  console.log(`# the open reached the phone ${shownAfter} ms after the chair's answer`);

  // Ann chooses; a second vote opens meanwhile: her choice is still there, the new card is on top.
  await card.getByLabel('No').check();
  const second = await opened('Elect the auditor', ['Ada', 'Brook']);
  await ann.getByRole('region', { name: 'Elect the auditor' }).waitFor({ timeout: 10_000 });
  assert.equal(await card.getByLabel('No').isChecked(), true, 'the choice being made survived');
  assert.deepEqual(await ann.locator('.elections h2').allTextContents(), ['Elect the auditor', 'Adopt the budget']);
  // From an answer to the next question: the page's own wait, whatever the machine's load makes of the answers.
  const waits = seen.slice(1).map((p, i) => p.sentAt - seen[i]!.doneAt);
  const median = [...waits].sort((a, b) => a - b)[Math.floor(waits.length / 2)]!;
  assert.ok(
    median >= 1200 && median <= 1600,
    `the page waits 1.3–1.5 s between polls (median ${median} ms of ${waits.length})`,
  );
  assert.deepEqual(await seriousViolations(ann), [], 'the live page');

  await card.getByRole('button', { name: 'Cast my vote' }).click();
  await card.getByRole('button', { name: 'Yes, cast my vote' }).click();
  await card.getByText('Your vote was counted.').waitFor();
  await ann.screenshot({ path: path.join(env.shots, 'voter-live.png'), fullPage: true });

  // The chair closes: the vote turns into its results on the phone, announced, no reload.
  assert.equal((await chairApi('POST', `/elections/${first.id}/close`, {})).status, 200);
  const result = ann.getByRole('region', { name: 'Adopt the budget' }).getByRole('table');
  await result.waitFor({ timeout: 10_000 });
  assert.deepEqual(await result.locator('tr').allTextContents(), ['Yes0', 'No1', 'Abstain0']);
  await ann.getByRole('status').filter({ hasText: 'Results are in: Adopt the budget' }).waitFor();
  assert.ok(await ann.getByRole('button', { name: 'Check my ballot' }).isVisible(), 'her ballot can be checked');
  assert.equal(await ann.getByRole('region', { name: 'Elect the auditor' }).getByLabel('Ada').count(), 1);
  assert.deepEqual(await seriousViolations(ann), [], 'the page with results');
  await ann.context().close();
  assert.ok(second.id);
});

test('in German at 360 px, by keyboard only: the vote appears, is cast, and turns into results', async () => {
  api = await onStack();
  const bea = await signedInPage(env, 'bea', { locale: 'de-DE', width: 360 });
  await bea.getByRole('heading', { name: 'Offene Abstimmungen' }).waitFor();
  const { id } = await opened('Satzung ändern');
  const card = bea.getByRole('region', { name: 'Satzung ändern' });
  await card.getByLabel('Ja').waitFor({ timeout: 10_000 });
  await bea.getByRole('status').filter({ hasText: 'Neue Abstimmung: Satzung ändern' }).waitFor();
  // Keyboard only: Space chooses "Ja", Tab reaches the button, Enter casts, Enter confirms the review.
  await card.getByLabel('Ja').focus();
  await bea.keyboard.press('Space');
  assert.equal(await card.getByLabel('Ja').isChecked(), true);
  await bea.keyboard.press('Tab');
  await bea.keyboard.press('Enter');
  await card.getByText('Ihre Wahl: Ja.', { exact: false }).waitFor();
  await bea.keyboard.press('Enter');
  await card.getByText('Ihre Stimme wurde gezählt.').waitFor();
  assert.equal((await chairApi('POST', `/elections/${id}/close`, {})).status, 200);
  const table = bea.getByRole('region', { name: 'Satzung ändern' }).getByRole('table');
  await table.waitFor({ timeout: 10_000 });
  assert.deepEqual(await table.locator('tr').allTextContents(), ['Ja1', 'Nein0', 'Enthaltung0']);
  await bea.getByRole('status').filter({ hasText: 'Ergebnis liegt vor: Satzung ändern' }).waitFor();
  const overflow = await bea.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
  assert.deepEqual(await seriousViolations(bea), [], 'the German page');
  await bea.context().close();
});
