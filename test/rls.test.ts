/**
 * Row-Level Security as the app roles themselves: tenants see only their own
 * rows, nothing without a tenant, and each role only its own schema.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { withTenant, type Sql } from '../shared/common/db/index.js';
import { createTestDb, type TestDb } from './helpers/db.js';

let db: TestDb;
before(async () => {
  db = await createTestDb();
  for (const org of ['org-a', 'org-b']) {
    await withTenant(db.registry, org, async (tx) => {
      await tx`insert into registry.orgs (org_id, name) values (${org}, ${org})`;
      await tx`insert into registry.members (org_id, subject, role, status) values (${org}, ${`admin-${org}`}, 'admin', 'active')`;
      await tx`insert into registry.meetings (org_id, title, starts_at, expected_attendees) values (${org}, 'm', now(), 10)`;
    });
    await withTenant(
      db.ballotBox,
      org,
      (tx) => tx`
      insert into ballot_box.elections (org_id, id, kind, option_ids, max_choices)
      values (${org}, gen_random_uuid(), 'single', ${['x', 'y']}, 1)`,
    );
  }
});
after(() => db.close());

const registryTables = [
  'registry.orgs',
  'registry.members',
  'registry.meetings',
  'registry.elections',
  'registry.token_issuances',
];

async function orgsVisible(sql: Sql, table: string, tenant?: string): Promise<string[]> {
  const read = async (q: Sql) =>
    (await q.unsafe(`select distinct org_id from ${table} order by 1`)).map((r) => String(r.orgId));
  return tenant ? withTenant(sql, tenant, (tx) => read(tx as unknown as Sql)) : read(sql);
}

test('with org A set, only org A rows are visible in every registry table', async () => {
  for (const table of ['registry.orgs', 'registry.members', 'registry.meetings']) {
    assert.deepEqual(await orgsVisible(db.registry, table, 'org-a'), ['org-a'], table);
  }
});

test('with no tenant set, nothing is visible', async () => {
  for (const table of registryTables) assert.deepEqual(await orgsVisible(db.registry, table), [], table);
  assert.deepEqual(await orgsVisible(db.ballotBox, 'ballot_box.elections'), []);
  // The rows do exist: the superuser sees them.
  assert.deepEqual(await orgsVisible(db.admin, 'registry.members'), ['org-a', 'org-b']);
});

test('the tenant does not outlive its transaction', async () => {
  await withTenant(db.registry, 'org-a', async () => {});
  assert.deepEqual(await orgsVisible(db.registry, 'registry.orgs'), []);
});

test('with org A set, writes into org B fail and change nothing', async () => {
  await assert.rejects(
    withTenant(
      db.registry,
      'org-a',
      (tx) => tx`
      insert into registry.members (org_id, subject, role, status) values ('org-b', 'intruder', 'admin', 'active')`,
    ),
    /row-level security/,
  );
  const updated = await withTenant(
    db.registry,
    'org-a',
    (tx) => tx`update registry.members set role = 'member' where org_id = 'org-b'`,
  );
  assert.equal(updated.count, 0);
  await assert.rejects(
    withTenant(
      db.ballotBox,
      'org-a',
      (tx) => tx`
      insert into ballot_box.elections (org_id, id, kind, option_ids, max_choices) values ('org-b', gen_random_uuid(), 'single', ${['x']}, 1)`,
    ),
    /row-level security/,
  );
  const [row] = await db.admin`select role from registry.members where org_id = 'org-b' and subject = 'admin-org-b'`;
  assert.equal(row?.role, 'admin');
  const [intruder] = await db.admin`select 1 from registry.members where subject = 'intruder'`;
  assert.equal(intruder, undefined);
});

test('moving a row to another tenant fails', async () => {
  await assert.rejects(
    withTenant(db.registry, 'org-a', (tx) => tx`update registry.meetings set org_id = 'org-b'`),
    /row-level security|violates/,
  );
});

test('the registry role cannot read the ballot box, nor the ballot-box role the registry', async () => {
  await assert.rejects(
    withTenant(db.registry, 'org-a', (tx) => tx`select * from ballot_box.elections`),
    /permission denied for schema ballot_box/,
  );
  for (const table of registryTables) {
    await assert.rejects(
      withTenant(db.ballotBox, 'org-a', (tx) => tx.unsafe(`select * from ${table}`)),
      /permission denied for schema registry/,
    );
  }
});

test('app roles cannot read the migration bookkeeping or bypass RLS', async () => {
  await assert.rejects(db.registry`select * from ekklesia_meta.migrations`, /permission denied/);
  const [role] = await db.admin`select rolbypassrls, rolsuper from pg_roles where rolname = 'ekklesia_registry'`;
  assert.deepEqual({ ...role }, { rolbypassrls: false, rolsuper: false });
  await assert.rejects(db.registry`alter table registry.members no force row level security`, /must be owner/);
});
