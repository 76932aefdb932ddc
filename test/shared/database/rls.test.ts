/**
 * Row-Level Security, driven by the catalog rather than a hand list: every
 * table of both schemas has RLS enabled and forced and the tenant policy;
 * every table is seeded with rows of two orgs, and then read with no tenant,
 * with org A, and by every app role that may read it. A table added without
 * its tenancy, its seed or a reviewed reason for cross-tenant access fails here.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { withTenant, type Sql } from '../../../shared/common/db/index.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';

const schemas = ['registry', 'ballot_box'];
const orgs = ['org-a', 'org-b'] as const;
const tenantQual = "(org_id = current_setting('app.org_id'::text, true))";

/**
 * Policies beyond the tenant's, each reviewed: `allOrgs` lists the roles that
 * see every org's rows through it (the no-tenant checks skip those pairs).
 */
const extraPolicies: Record<string, { allOrgs: string[]; why: string }> = {
  'registry.outbox relay_all_orgs': { allOrgs: ['ekklesia_relay'], why: "the relay publishes every org's events" },
  'registry.meeting_plans lifecycle_all_orgs': {
    allOrgs: ['ekklesia_worker'],
    why: 'capacity is shared by every meeting on the platform',
  },
  'registry.elections lifecycle_due_elections': {
    allOrgs: ['ekklesia_worker'],
    why: 'the lifecycle worker finds open elections due to close (four columns, no secrets)',
  },
  'registry.elections lifecycle_due_openings': {
    allOrgs: ['ekklesia_worker'],
    why: 'the lifecycle worker finds drafts due to open',
  },
  'registry.elections lifecycle_unfinished': {
    allOrgs: ['ekklesia_worker'],
    why: 'the lifecycle worker settles opens and closes left half-way (ids and status)',
  },
  'registry.election_keys lifecycle_shred_due': {
    allOrgs: ['ekklesia_worker'],
    why: 'the lifecycle worker finishes shredding the close could not (key versions, never a wrapped key)',
  },
  'registry.unrecorded_definitions lifecycle_unrecorded': {
    allOrgs: ['ekklesia_worker'],
    why: 'the lifecycle worker asks the ballot box to forget drafts the registry never recorded (ids only)',
  },
  'registry.members directory_memberships': {
    allOrgs: ['ekklesia_directory'],
    why: "memberships_of's owner answers one subject's orgs and roles across orgs (it cannot log in)",
  },
  'registry.orgs directory_memberships': {
    allOrgs: ['ekklesia_directory'],
    why: "memberships_of's owner reads the names of that subject's orgs",
  },
  'ballot_box.elections election_scope': {
    allOrgs: [],
    why: 'a voter names an election, not an org: a transaction scoped to that one election reads its row',
  },
};

/** One row per org for every table, in foreign-key order. */
const ids = Object.fromEntries(orgs.map((o) => [o, { meeting: randomUUID(), election: randomUUID() }]));
const seeds: Record<string, (sql: Sql, org: (typeof orgs)[number]) => Promise<unknown>> = {
  'registry.orgs': (sql, org) => sql`insert into registry.orgs (org_id, name) values (${org}, ${org})`,
  'registry.members': (sql, org) =>
    sql`insert into registry.members (org_id, subject, role, status) values (${org}, ${`admin-${org}`}, 'admin', 'active')`,
  'registry.meetings': (sql, org) =>
    sql`insert into registry.meetings (org_id, id, title, starts_at, expected_attendees) values (${org}, ${ids[org]!.meeting}, 'm', now(), 1)`,
  'registry.attendance': (sql, org) =>
    sql`insert into registry.attendance (org_id, meeting_id, subject) values (${org}, ${ids[org]!.meeting}, ${`admin-${org}`})`,
  'registry.create_requests': (sql, org) =>
    sql`insert into registry.create_requests (org_id, idempotency_key, request_hash, resource_id) values (${org}, 'k', ${randomBytes(32)}, ${ids[org]!.meeting})`,
  'registry.unrecorded_definitions': (sql, org) =>
    sql`insert into registry.unrecorded_definitions (org_id, election_id) values (${org}, ${ids[org]!.election})`,
  'registry.elections': (sql, org) =>
    sql`insert into registry.elections (org_id, id, title, kind, options, max_choices) values (${org}, ${ids[org]!.election}, 'e', 'single', '[]', 1)`,
  'registry.token_registrations': (sql, org) =>
    sql`insert into registry.token_registrations (org_id, election_id, subject) values (${org}, ${ids[org]!.election}, ${`admin-${org}`})`,
  'registry.election_keys': (sql, org) =>
    sql`insert into registry.election_keys (org_id, election_id, key_version, wrapped) values (${org}, ${ids[org]!.election}, 'projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1', ${randomBytes(64)})`,
  'registry.outbox': (sql, org) =>
    sql`insert into registry.outbox (org_id, id, type, topics, envelope) values (${org}, ${randomUUID()}, 'org.created', ${['audit']}, '{}')`,
  'registry.processed_events': (sql, org) =>
    sql`insert into registry.processed_events (org_id, worker, event_id) values (${org}, 'audit', ${randomUUID()})`,
  'registry.delivery_failures': (sql, org) =>
    sql`insert into registry.delivery_failures (org_id, worker, event_id, attempts, last_error, envelope) values (${org}, 'audit', ${randomUUID()}, 1, 'x', '{}')`,
  'registry.audit_log': (sql, org) =>
    sql`insert into registry.audit_log (org_id, seq, event_id, type, occurred_at, payload, prev_hash, hash) values (${org}, 1, ${randomUUID()}, 't', now(), '{}', 'p', 'h')`,
  'registry.usage_daily': (sql, org) =>
    sql`insert into registry.usage_daily (org_id, day) values (${org}, current_date)`,
  'registry.meeting_plans': (sql, org) =>
    sql`insert into registry.meeting_plans (org_id, meeting_id, starts_at, expected_attendees) values (${org}, ${ids[org]!.meeting}, now(), 1)`,
  'ballot_box.elections': (sql, org) =>
    sql`insert into ballot_box.elections (org_id, id, kind, option_ids, max_choices) values (${org}, ${ids[org]!.election}, 'single', ${['x', 'y']}, 1)`,
  'ballot_box.tokens': (sql, org) =>
    sql`insert into ballot_box.tokens (token_hash, org_id, election_id) values (${randomBytes(32)}, ${org}, ${ids[org]!.election})`,
  'ballot_box.ballots': (sql, org) =>
    sql`insert into ballot_box.ballots (org_id, election_id, choices, receipt) values (${org}, ${ids[org]!.election}, ${['x']}, ${randomBytes(32).toString('base64url')})`,
  'ballot_box.s2s_requests': (sql, org) =>
    sql`insert into ballot_box.s2s_requests (org_id, idempotency_key, request_hash, status, response) values (${org}, 'k', ${randomBytes(32)}, 200, '{}')`,
};

type Table = { name: string; rls: boolean; forced: boolean };
type Policy = { table: string; name: string; roles: string[]; qual: string | null; withCheck: string | null };

let db: TestDb;
let tables: Table[];
let policies: Policy[];
const probe = `rls_probe_${randomBytes(4).toString('hex')}`;

before(async () => {
  db = await createTestDb();
  tables = await db.admin<Table[]>`
    select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${schemas}) and c.relkind in ('r', 'p') order by 1`;
  policies = await db.admin<Policy[]>`
    select schemaname || '.' || tablename as table, policyname as name, roles::text[] as roles, qual, with_check
    from pg_policies where schemaname = any(${schemas})`;
  await db.admin.begin(async (tx) => {
    for (const org of orgs) for (const seed of Object.values(seeds)) await seed(tx as unknown as Sql, org);
  });
  // A role with SELECT on every table and no policy of its own: it sees exactly what the tenant policy lets through.
  await db.admin.unsafe(`create role ${probe} nologin`);
  for (const schema of schemas) {
    await db.admin.unsafe(`grant usage on schema ${schema} to ${probe}`);
    await db.admin.unsafe(`grant select on all tables in schema ${schema} to ${probe}`);
  }
});
after(async () => {
  await db.admin.unsafe(`drop owned by ${probe}`);
  await db.admin.unsafe(`drop role ${probe}`);
  await db.close();
});

/** The orgs whose rows `role` sees in `table`, with the tenant set to `tenant` (or none). */
async function orgsSeen(role: string, table: string, tenant?: string): Promise<string[]> {
  return db.admin.begin(async (tx) => {
    await tx.unsafe(`set local role ${role}`);
    if (tenant) await tx`select set_config('app.org_id', ${tenant}, true)`;
    const rows = await tx.unsafe(`select distinct org_id::text as org from ${table} order by 1`);
    return rows.map((r) => String(r.org));
  }) as Promise<string[]>;
}

test('the catalog has the tables this test knows, and each has a seed', () => {
  assert.ok(tables.length >= 16, `only ${tables.length} tables found`);
  assert.deepEqual(
    tables.map((t) => t.name),
    Object.keys(seeds).sort(),
    'a new table needs a seed row here (and its tenancy: ekklesia_meta.tenant_table)',
  );
});

test('every table has RLS enabled and forced, and the tenant policy for reads and writes', () => {
  for (const table of tables) {
    assert.ok(table.rls && table.forced, `${table.name}: RLS enabled ${table.rls}, forced ${table.forced}`);
    const tenant = policies.find((p) => p.table === table.name && p.name === 'tenant_isolation');
    assert.ok(tenant, `${table.name} has no tenant_isolation policy`);
    assert.deepEqual(
      { roles: tenant.roles, qual: tenant.qual, withCheck: tenant.withCheck },
      {
        roles: ['public'],
        qual: tenantQual,
        withCheck: tenantQual,
      },
    );
  }
});

test('every other policy is one this test has reviewed', () => {
  const others = policies.filter((p) => p.name !== 'tenant_isolation').map((p) => `${p.table} ${p.name}`);
  assert.deepEqual(others.sort(), Object.keys(extraPolicies).sort());
});

test('every table is seeded with both orgs, and under the tenant policy shows none without a tenant, only A with A', async () => {
  for (const { name } of tables) {
    assert.deepEqual(await orgsSeen('postgres', name), [...orgs], `${name} is seeded for both orgs`);
    assert.deepEqual(await orgsSeen(probe, name), [], `${name} without a tenant`);
    assert.deepEqual(await orgsSeen(probe, name, 'org-a'), ['org-a'], `${name} with org A`);
  }
});

test('each app role sees no tenant rows without a tenant, except through a reviewed policy', async () => {
  const roles = ['ekklesia_registry', 'ekklesia_ballot_box', 'ekklesia_worker', 'ekklesia_relay'];
  let checked = 0;
  for (const role of roles) {
    for (const { name } of tables) {
      const [grant] = await db.admin<
        { ok: boolean }[]
      >`select has_column_privilege(${role}, ${name}, 'org_id', 'SELECT') as ok`;
      if (!grant?.ok) continue;
      const through = Object.entries(extraPolicies).find(
        ([key, p]) => key.startsWith(`${name} `) && p.allOrgs.includes(role),
      );
      if (through) continue;
      checked++;
      assert.deepEqual(await orgsSeen(role, name), [], `${role} on ${name} without a tenant`);
      assert.deepEqual(await orgsSeen(role, name, 'org-b'), ['org-b'], `${role} on ${name} with org B`);
    }
  }
  assert.ok(checked >= 15, `only ${checked} role/table pairs checked`);
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
  await assert.rejects(
    withTenant(db.registry, 'org-a', (tx) => tx`update registry.meetings set org_id = 'org-b'`),
    /row-level security|violates/,
  );
  const [row] = await db.admin`select role from registry.members where org_id = 'org-b' and subject = 'admin-org-b'`;
  assert.equal(row?.role, 'admin');
  assert.equal((await db.admin`select 1 from registry.members where subject = 'intruder'`).length, 0);
});

test('the tenant does not outlive its transaction', async () => {
  assert.deepEqual(
    await withTenant(db.registry, 'org-a', async (tx) =>
      (await tx`select org_id from registry.orgs`).map((r) => r.orgId),
    ),
    ['org-a'],
  );
  assert.deepEqual(
    (await db.registry`select org_id from registry.orgs`).map((r) => r.orgId),
    [],
  );
});

test('the registry role cannot read the ballot box, nor the ballot-box role the registry', async () => {
  for (const { name } of tables) {
    const other = name.startsWith('registry.') ? db.ballotBox : db.registry;
    const schema = name.startsWith('registry.') ? 'registry' : 'ballot_box';
    await assert.rejects(
      withTenant(other, 'org-a', (tx) => tx.unsafe(`select * from ${name}`)),
      new RegExp(`permission denied for schema ${schema}`),
    );
  }
});

test('app roles cannot read the migration bookkeeping, bypass RLS or turn it off', async () => {
  await assert.rejects(db.registry`select * from ekklesia_meta.migrations`, /permission denied/);
  const roles = await db.admin`
    select rolname, rolbypassrls, rolsuper from pg_roles where rolname like 'ekklesia\\_%' order by 1`;
  assert.ok(roles.length >= 4);
  for (const role of roles)
    assert.deepEqual(
      { bypass: role.rolbypassrls, superuser: role.rolsuper },
      { bypass: false, superuser: false },
      String(role.rolname),
    );
  await assert.rejects(db.registry`alter table registry.members no force row level security`, /must be owner/);
  // A privilege the code does not use is not held: the ballot-box role never updates a ballot.
  await assert.rejects(
    withTenant(db.ballotBox, 'org-a', (tx) => tx`update ballot_box.ballots set choices = choices`),
    /permission denied/,
  );
});
