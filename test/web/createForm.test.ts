/**
 * The chair's create form, in a real browser on the local stack: two
 * several-of-several votes in a row (the second keeps the first's kind and
 * maximum: before, the maximum was emptied and the second was sent with
 * maxChoices 0); options and the maximum only where the kind takes them;
 * a refusal says, in the reader's language, what the server refused; a
 * draft is edited (by keyboard, in German at 360 px) and another deleted
 * after a confirmation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserOnStack, seriousViolations, signedInPage } from '../helpers/browser.js';
import { orgOnStack } from '../helpers/stackOrg.js';
import type { LocalClient } from '../../local/stack/localClient.js';

const env = browserOnStack();
const onStack = orgOnStack(env, { id: 'forms', name: 'Forms Club' });
let api: LocalClient;

async function chairPage(locale: string, width = 1280): Promise<Page> {
  api = await onStack();
  return signedInPage(env, 'chair', { locale, width });
}

const elections = async () =>
  (
    await api.call<{ elections: { title: string; maxChoices: number; options: unknown[] }[] }>(
      'GET',
      `${api.events}/v1/orgs/forms/elections`,
      await api.jwt('chair'),
    )
  ).body.elections;

test('two several-of-several votes in a row: the second keeps the kind and the maximum', async () => {
  const page = await chairPage('en-GB');
  const section = page.getByRole('region', { name: 'Run a vote: Forms Club' });
  assert.equal(await section.getByLabel('Options, one per line').isVisible(), false, 'yes/no/abstain takes none');
  await section.getByLabel('Kind of ballot').selectOption('multi');
  await section.getByLabel('Options, one per line').fill('Ada\nBrook\nCyd');
  await section.getByLabel('Most choices per ballot').fill('2');
  await section.getByLabel('Title').fill('Board, first round');
  await section.getByRole('button', { name: 'Create' }).click();
  await section.getByRole('article', { name: 'Board, first round' }).waitFor();
  assert.equal(await section.getByLabel('Title').inputValue(), '', 'the title is cleared for the next');
  assert.equal(await section.getByLabel('Kind of ballot').inputValue(), 'multi', 'the kind is kept');
  assert.equal(await section.getByLabel('Most choices per ballot').inputValue(), '2', 'the maximum is kept');
  await section.getByLabel('Title').fill('Board, second round');
  await section.getByLabel('Options, one per line').fill('Ada\nCyd');
  await section.getByRole('button', { name: 'Create' }).click();
  await section.getByRole('article', { name: 'Board, second round' }).waitFor();
  const made = await elections();
  assert.deepEqual(made.map((e) => [e.title, e.maxChoices, e.options.length]).sort(), [
    ['Board, first round', 2, 3],
    ['Board, second round', 2, 2],
  ]);
  assert.deepEqual(await seriousViolations(page), [], "the chair's page");

  // A run-off from the second round: "Duplicate" fills the form from it; the chair edits the title and creates.
  await section
    .getByRole('article', { name: 'Board, second round' })
    .getByRole('button', { name: 'Duplicate (amendment, run-off)' })
    .click();
  const title = section.getByLabel('Title');
  assert.equal(await title.inputValue(), 'Board, second round');
  assert.equal(await title.evaluate((e) => e === document.activeElement), true, 'the title has the focus');
  assert.equal(await section.getByLabel('Options, one per line').inputValue(), 'Ada\nCyd');
  await title.fill('Board, run-off');
  await section.getByRole('button', { name: 'Create' }).click();
  await section.getByRole('article', { name: 'Board, run-off' }).waitFor();
  const runOff = (await elections()).find((e) => e.title === 'Board, run-off')!;
  assert.deepEqual([runOff.maxChoices, runOff.options.length], [2, 2]);
  await page.context().close();
});

test('a refusal says in German, on a phone, what the server refused, under the field it names', async () => {
  const page = await chairPage('de-DE', 360);
  const section = page.getByRole('region', { name: 'Abstimmung leiten: Forms Club' });
  // With votes there already, the form is folded away: its summary opens it.
  await section.getByText('Neue Abstimmung').click();
  await section.getByLabel('Art des Stimmzettels').selectOption('multi');
  await section.getByLabel('Möglichkeiten, eine pro Zeile').fill('Ada\nBrook');
  await section.getByLabel('Höchstens so viele Kreuze pro Stimmzettel').fill('5');
  await section.getByLabel('Titel').fill('Zu viele Kreuze');
  await section.getByRole('button', { name: 'Anlegen' }).click();
  await section
    .getByRole('alert')
    .getByText(/^Etwas in diesem Formular stimmt nicht: maxChoices: must be between 1 and the number of options \(2\)$/)
    .waitFor();
  assert.equal((await elections()).filter((e) => e.title === 'Zu viele Kreuze').length, 0);
  // Said under the field it names, which has the focus and is marked invalid.
  const max = section.getByLabel('Höchstens so viele Kreuze pro Stimmzettel');
  assert.equal(await max.getAttribute('aria-invalid'), 'true');
  assert.equal(await max.evaluate((e) => e === document.activeElement), true);
  assert.equal(await max.evaluate((e) => e.nextElementSibling?.getAttribute('role')), 'alert');
  assert.deepEqual(await seriousViolations(page), [], 'the form with its message');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the form at 360 px: ${overflow} px too wide`);
  await page.context().close();
});

test('a draft is edited in German on a phone, by keyboard, and another deleted after a confirmation', async () => {
  const page = await chairPage('de-DE', 360);
  const section = page.getByRole('region', { name: 'Abstimmung leiten: Forms Club' });
  for (const title of ['Kassenprüfung', 'Versehen']) {
    const made = await api.call('POST', `${api.events}/v1/orgs/forms/elections`, await api.jwt('chair'), {
      title,
      kind: 'single',
      options: [
        { id: 'o1', label: 'Ana' },
        { id: 'o2', label: 'Bert' },
      ],
    });
    assert.equal(made.status, 201);
  }
  await page.reload();
  const draft = section.getByRole('article', { name: 'Kassenprüfung' });
  await draft.getByRole('button', { name: 'Bearbeiten' }).focus();
  await page.keyboard.press('Enter');
  // The form holds the draft, its title focused; the chair changes an option and saves with the keyboard.
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), 'Kassenprüfung');
  assert.equal(await section.getByLabel('Möglichkeiten, eine pro Zeile').inputValue(), 'Ana\nBert');
  await page.keyboard.press('End');
  await page.keyboard.type('skommission');
  await section.getByLabel('Möglichkeiten, eine pro Zeile').fill('Ana\nCarla');
  // Saving waits for the draft's ballot mode (createForm.ts keeps the button disabled until then): wait for it.
  const save = section.getByRole('button', { name: 'Änderungen speichern', disabled: false });
  await save.waitFor();
  await save.focus();
  await page.keyboard.press('Enter');
  await section.getByRole('article', { name: 'Kassenprüfungskommission' }).waitFor();
  assert.equal(await section.getByRole('button', { name: 'Anlegen' }).isVisible(), true, 'the form creates again');
  const edited = (await elections()).find((e) => e.title === 'Kassenprüfungskommission') as
    { options: { label: string }[] } | undefined;
  assert.deepEqual(
    edited?.options.map((o) => o.label),
    ['Ana', 'Carla'],
  );
  assert.equal((await elections()).filter((e) => e.title === 'Kassenprüfung').length, 0, 'edited, not copied');

  // Deleting asks first.
  const mistake = section.getByRole('article', { name: 'Versehen' });
  await mistake.getByRole('button', { name: 'Löschen' }).click();
  await mistake.getByRole('button', { name: 'Ja, diesen Entwurf löschen' }).click();
  await mistake.waitFor({ state: 'detached' });
  assert.equal((await elections()).filter((e) => e.title === 'Versehen').length, 0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px too wide at 360 px`);
  assert.deepEqual(await seriousViolations(page), [], 'the German console with drafts');
  await page.context().close();
});
