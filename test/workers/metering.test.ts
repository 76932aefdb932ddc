/** The metering worker: per-org daily usage, each event counted once. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnv } from '../../local/config.js';
import { consume } from '../../shared/registry/consume.js';
import { push, workerDeps } from '../helpers/workers.js';
import type { EventEnvelope } from '../../schemas/domainEvents.js';
import { meteringWorker } from '../../workers/metering/handle.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../helpers/harness.js';

let h: Harness;
let deps: ReturnType<typeof workerDeps>;
before(async () => {
  h = await startHarness();
  deps = workerDeps(h.db);
});
after(async () => {
  await deps.sql.end();
  await h.close();
});

test('tokens, ballots (at seal) and elections are counted per org and day, once each', async () => {
  await seedOrg(h, 'acme', [{ subject: 'bob' }, { subject: 'carol' }]);
  await seedOrg(h, 'other', [{ subject: 'olga' }]);
  const id = await seedElection(h, 'acme');
  const tokens = [await tokenFor(h, 'acme', id, 'bob'), await tokenFor(h, 'acme', id, 'carol')];
  await tokenFor(h, 'acme', id, 'bob');
  await openElection(h, 'acme', id);
  for (const { token } of tokens)
    await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } });
  await h.call('POST', `/v1/orgs/acme/elections/${id}/close`, { auth: await h.jwt('alice') });
  await tokenFor(h, 'other', await seedElection(h, 'other'), 'olga');

  const events = await h.db.admin<
    { envelope: EventEnvelope }[]
  >`select envelope from registry.outbox where 'metering' = any(topics) order by occurred_at`;
  for (const { envelope } of events) await consume(deps, meteringWorker, push(envelope));
  for (const { envelope } of events) assert.equal(await consume(deps, meteringWorker, push(envelope)), 'duplicate');

  const script = fileURLToPath(new URL('../../scripts/usage.ts', import.meta.url));
  const usage = (org: string) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, org], {
      encoding: 'utf8',
      env: childEnv({ DATABASE_URL: h.db.url() }),
    });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
  };
  const acme = usage('acme');
  // A token per eligible member (alice, bob, carol), counted at the seal.
  assert.deepEqual({ t: acme.tokensIssued, b: acme.ballotsCast, e: acme.electionsRun }, { t: 3, b: 2, e: 1 });
  assert.equal(acme.days.length, 1);
  assert.equal(acme.days[0].day, new Date().toISOString().slice(0, 10));
  const other = usage('other');
  // Counted at the seal: other's election is still a draft.
  assert.deepEqual({ t: other.tokensIssued, b: other.ballotsCast, e: other.electionsRun }, { t: 0, b: 0, e: 0 });
});
