/**
 * The README makes the threat model's promise, word for word, and infra/
 * applies what the threat model says to configure: neither may say more than
 * the others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { infraDir, loadTf } from '../../scripts/infra/terraform.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

test("the README states the threat model's promise word for word", () => {
  const model = read('docs/threat-model.md');
  const promise = /<!-- promise:[^>]*-->\n> (.+)\n/.exec(model)?.[1];
  assert.ok(promise && promise.length > 40, 'docs/threat-model.md marks its promise');
  const quoted = [...read('README.md').matchAll(/^> (.+)$/gm)].map((m) => m[1]);
  assert.ok(quoted.includes(promise), `the README quotes: ${promise}`);
});

test('infra/ applies what the threat model says to configure: WAL retention, log exclusions, the key destruction delay', async () => {
  const model = read('docs/threat-model.md');
  const configure = model.slice(model.indexOf('## What to configure in production'));

  const days = Number(/transaction_log_retention_days = (\d+)/.exec(configure)?.[1]);
  const database = await loadTf(path.join(infraDir, 'modules', 'database'));
  assert.equal(database.variables.transaction_log_retention_days?.default, days, 'PITR keeps what the model says');
  const instance = JSON.stringify(database.resources.get('google_sql_database_instance.main'));
  assert.match(instance, /transaction_log_retention_days[^,]*var\.transaction_log_retention_days/);

  assert.match(configure, /destroy_scheduled_duration` = 24 h/);
  const foundation = await loadTf(path.join(infraDir, 'modules', 'foundation'));
  assert.match(JSON.stringify([...foundation.resources.values()]), /"destroy_scheduled_duration":"86400s"/);

  assert.match(configure, /infra\/modules\/log_privacy/);
  const privacy = await loadTf(path.join(infraDir, 'modules', 'log_privacy'));
  assert.ok(privacy.resources.has('google_logging_project_exclusion.secrecy'));
  const filters = JSON.stringify(privacy.locals);
  for (const needed of ['var.elections_service', 'var.ballot_tasks_service', 'run.googleapis.com%2Frequests'])
    assert.ok(filters.includes(needed), `an exclusion covers ${needed}`);
  assert.match(filters, /\/v1\/orgs\/\[\^\/\]\+\/elections\/\[\^\/\]\+\/token/, 'and the token route');
  const platform = await loadTf(path.join(infraDir, 'modules', 'platform'));
  assert.ok('log_privacy' in platform.modules, 'the platform wires the exclusions');
});
