/**
 * The harness's check that no transaction spans a network call
 * (test/helpers/noTransactionAcross.ts) catches one, on a real pool: every
 * events-function test runs under it, so it must be able to fail.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createPool, withTenant } from '../../shared/common/db/index.js';
import { createTestDb } from '../helpers/db.js';
import { markTransactions, outsideTransactions, type Violations } from '../helpers/noTransactionAcross.js';

const db = await createTestDb();
const sql = markTransactions(
  createPool({ url: db.url('ekklesia_registry'), poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 5000 }, 't'),
);
after(async () => {
  await sql.end();
  await db.close();
});

test('a guarded call inside a transaction is refused and recorded, however deep; before or after one it runs', async () => {
  const violations: Violations = [];
  const peer = outsideTransactions('peer', { ask: async () => 'answered', local: () => 'free' }, ['ask'], violations);
  assert.equal(await peer.ask(), 'answered');
  await assert.rejects(
    withTenant(sql, 'acme', () => peer.ask()),
    /peer.ask was called inside a database transaction/,
  );
  await assert.rejects(
    withTenant(sql, 'acme', async (tx) => {
      await tx`select 1`;
      await new Promise((resolve) => setImmediate(resolve));
      return peer.ask();
    }),
  );
  assert.deepEqual(violations, [
    'peer.ask was called inside a database transaction',
    'peer.ask was called inside a database transaction',
  ]);
  const first = await withTenant(sql, 'acme', async (tx) => (await tx`select 1 as n`)[0]!.n);
  assert.equal(first, 1);
  assert.equal(await peer.ask(), 'answered', 'after the commit');
  assert.equal(await withTenant(sql, 'acme', async () => peer.local()), 'free', 'unguarded methods pass');
});
