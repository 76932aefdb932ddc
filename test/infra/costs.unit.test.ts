/**
 * The cost model (docs/COSTS.md) recomputed from the Terraform sizing and
 * infra/prices.json: the document's tables are what the model gives now;
 * each environment at rest stays inside the seed's envelope; the database
 * is created at the size the lifecycle worker returns it to; every price
 * has a source; and the model's arithmetic holds on known figures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { costTables, withTables } from '../../scripts/costs.js';
import { infraOf, prices } from '../../scripts/costs/fromTerraform.js';
import { atRest, envelope, meetingDay, tierHour, total } from '../../scripts/costs/model.js';

const doc = path.resolve(import.meta.dirname, '../../docs/COSTS.md');

test("docs/COSTS.md's tables are the model's output for the sizing and prices in infra/", async () => {
  const text = readFileSync(doc, 'utf8');
  const tables = await costTables();
  assert.equal(Object.keys(tables).length, 5);
  for (const key of Object.keys(tables)) assert.ok(text.includes(`<!-- costs:${key} -->`), `the document has ${key}`);
  assert.equal(withTables(text, tables), text, 'docs/COSTS.md is stale: npm run -s costs -- --write');
});

test("each environment at rest stays inside the seed's envelope; a meeting day's extra is stated", async () => {
  const p = prices();
  for (const env of ['prod', 'dev'] as const) {
    const infra = await infraOf(env);
    const rest = total(atRest(p, infra));
    const meeting = total(meetingDay(p, infra));
    console.log(`# ${env}: $${rest.toFixed(2)} a month at rest; a meeting day adds $${meeting.toFixed(2)}`);
    assert.ok(rest >= envelope.restLow && rest <= envelope.restHigh, `${env} at rest: $${rest}`);
    // Terraform creates the database at the size the lifecycle worker takes it back to after every meeting.
    assert.equal(infra.database.tier, infra.policy.base_tier, `${env}: created at the base tier`);
    assert.equal(infra.database.availability_type, infra.policy.base_availability, `${env}: and availability`);
  }
  // The prose quotes the production meeting day; it must say what the model says.
  const said = /A meeting day costs about \$(\d+\.\d+)/.exec(readFileSync(doc, 'utf8'))?.[1];
  const meeting = total(meetingDay(p, await infraOf('prod')));
  assert.ok(said && Math.abs(Number(said) - meeting) < 0.1, `the text says $${said}, the model $${meeting}`);
});

test('every price has a source and a date; the arithmetic holds on known figures', () => {
  const raw = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../infra/prices.json'), 'utf8')) as {
    as_of: string;
    sources: Record<string, string>;
  } & Record<string, unknown>;
  assert.match(raw.as_of, /^\d{4}-\d{2}$/);
  for (const product of Object.keys(raw).filter((k) => !['currency', 'region', 'as_of', 'sources'].includes(k)))
    assert.match(raw.sources[product] ?? '', /^https:\/\/cloud\.google\.com\//, `${product} has a source`);
  const p = prices();
  // db-f1-micro all month: the seed's "$7" baseline.
  assert.equal(Math.round(tierHour(p, 'db-f1-micro', 'ZONAL') * 730 * 100) / 100, 7.67);
  // db-custom-2-7680: 2 vCPU and 7.5 GB, doubled for a standby.
  assert.equal(tierHour(p, 'db-custom-2-7680', 'REGIONAL'), 2 * (2 * 0.0413 + 7.5 * 0.007));
  assert.throws(() => tierHour(p, 'db-n1-standard-2', 'ZONAL'), /not a shared core the price list has/);
});
