/**
 * After a seal the lifecycle worker vacuums the ballot tables as their owner,
 * so the rows the seal rewrote and the token hashes it deleted do not wait for
 * autovacuum; without the owner's connection, autovacuum is set to act on the
 * first dead row.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadLifecycleConfig } from '../../shared/common/config/index.js';
import type { EventEnvelope } from '../../schemas/domainEvents.js';
import { wireLifecycle } from '../../workers/lifecycle/wiring.js';
import type { WorkerDeployable } from '../../workers/deployable.js';
import { push, workerSettings } from '../helpers/workers.js';
import { openElection, seedElection, seedOrg, startHarness, tokenFor, type Harness } from '../helpers/harness.js';

let h: Harness;
let lifecycle: WorkerDeployable;

before(async () => {
  h = await startHarness();
  lifecycle = wireLifecycle(
    loadLifecycleConfig({
      ...workerSettings(h, {
        audience: 'https://workers.example/push',
        serviceAccount: 'pubsub-push@ekklesia.iam.gserviceaccount.com',
      }),
      REGISTRY_DATABASE_URL: h.db.url('ekklesia_registry'),
      MAINTENANCE_DATABASE_URL: h.db.url(),
      ELECTIONS_URL: h.elections.url,
      S2S_KEYS: h.s2sKeys,
      KMS_KEY: h.kmsConfig.key,
      KMS_ENDPOINT: h.kmsConfig.endpoint,
      LIFECYCLE_CAPACITY: 'log',
    }),
  );
  await seedOrg(
    h,
    'acme',
    ['m1', 'm2'].map((subject) => ({ subject })),
  );
});
after(async () => {
  await lifecycle.stop();
  await h.close();
});

const vacuumed = async () =>
  (
    await h.db.admin<{ relname: string; manual: boolean }[]>`
      select relname, last_vacuum is not null as manual from pg_stat_user_tables
      where relid in ('ballot_box.ballots'::regclass, 'ballot_box.tokens'::regclass, 'registry.token_registrations'::regclass)
      order by relname`
  ).map((r) => [r.relname, r.manual]);

test('the seal applied by the lifecycle worker is followed by a VACUUM of the ballot tables', async () => {
  const id = await seedElection(h, 'acme');
  await openElection(h, 'acme', id);
  for (const m of ['m1', 'm2']) {
    const { token } = await tokenFor(h, 'acme', id, m);
    await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } });
  }
  const closed = await h.call('POST', `/v1/orgs/acme/elections/${id}/close`, { auth: await h.jwt('alice') });
  assert.equal(closed.status, 200);
  assert.deepEqual(await vacuumed(), [
    ['ballots', false],
    ['token_registrations', false],
    ['tokens', false],
  ]);

  const [sealed] = await h.db.admin<{ envelope: EventEnvelope }[]>`
    select envelope from registry.outbox where type = 'election.sealed' and envelope->'payload'->>'electionId' = ${id}`;
  await lifecycle.handle(push(sealed!.envelope));
  assert.deepEqual(await vacuumed(), [
    ['ballots', true],
    ['token_registrations', true],
    ['tokens', true],
  ]);
  const [stats] = await h.db.admin<{ dead: number }[]>`
    select coalesce(sum(n_dead_tup), 0)::int as dead from pg_stat_user_tables
    where relid in ('ballot_box.ballots'::regclass, 'ballot_box.tokens'::regclass, 'registry.token_registrations'::regclass)`;
  assert.equal(stats?.dead, 0, 'no dead row left');
});

test('without the owner, autovacuum acts on the first dead row of the ballot tables and the registered list', async () => {
  const options = await h.db.admin<{ relname: string; reloptions: string[] }[]>`
    select relname, reloptions from pg_class
    where oid in ('ballot_box.ballots'::regclass, 'ballot_box.tokens'::regclass, 'registry.token_registrations'::regclass)
    order by relname`;
  assert.equal(options.length, 3);
  for (const { relname, reloptions } of options)
    for (const setting of ['autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=1'])
      assert.ok(reloptions.includes(setting), `${relname}: ${setting}`);
});
