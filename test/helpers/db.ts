/**
 * Each test file gets its own database, cloned from the template that
 * `npm test` migrated, and pools that log in as the real app roles.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { loadToolConfig } from '../../local/config.js';
import { createPool, type Sql } from '../../shared/common/db/index.js';
import { urlFor } from '../../local/processes/postgres.js';

export type TestDb = {
  name: string;
  url: (role?: string) => string;
  /** Superuser, camel-cased rows: sees through RLS, for asserting what the database holds. */
  admin: Sql;
  /** The events function's role. */
  registry: Sql;
  /** The elections function's role. */
  ballotBox: Sql;
  close: () => Promise<void>;
};

export function serverUrl(): string {
  const { TEST_DATABASE_URL } = loadToolConfig();
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set: run the tests with npm test');
  return TEST_DATABASE_URL;
}

export function rawSuperuser(database = 'postgres', server = serverUrl()): Sql {
  return postgres(urlFor(server, database), { max: 2, onnotice: () => {} }) as unknown as Sql;
}

/**
 * A database of this test file's own: cloned from the migrated template on
 * the tests' server, or (with `server`, a superuser URL) on another server.
 */
export async function createTestDb(options: { template?: string | null; server?: string } = {}): Promise<TestDb> {
  const template = options.template === undefined ? loadToolConfig().EKKLESIA_TEST_TEMPLATE : options.template;
  const server = options.server ?? serverUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const root = rawSuperuser('postgres', server);
  try {
    await root.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await root.end();
  }
  const url = (role = 'postgres') => urlFor(server, name, role);
  const pool = (role: string) =>
    createPool({ url: url(role), poolMax: 4, connectTimeoutMs: 5000, statementTimeoutMs: 10_000 }, `test-${role}`);
  const db: TestDb = {
    name,
    url,
    admin: pool('postgres'),
    registry: pool('ekklesia_registry'),
    ballotBox: pool('ekklesia_ballot_box'),
    close: async () => {
      await Promise.all([db.admin.end(), db.registry.end(), db.ballotBox.end()]);
      const drop = rawSuperuser('postgres', server);
      await drop.unsafe(`drop database if exists ${name} with (force)`).finally(() => drop.end());
    },
  };
  return db;
}

/**
 * How many rows a query's `from … where …` finds (graphile-worker's jobCount): a tag over a pool,
 * `await countRows(h.db.admin)\`ballot_box.ballots where election_id = ${id}\``.
 */
export function countRows(sql: Sql) {
  return async (from: TemplateStringsArray, ...values: unknown[]): Promise<number> => {
    const fragment = (sql as unknown as (s: TemplateStringsArray, ...v: unknown[]) => unknown)(from, ...values);
    const [row] = (await sql`select count(*)::int as n from ${fragment as never}`) as unknown as [{ n: number }];
    return row.n;
  };
}
