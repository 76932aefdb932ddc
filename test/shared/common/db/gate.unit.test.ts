/** The gate: a fixed number of places, handed to waiters in order, refused after the timeout. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Gate, GateTimeoutError } from '../../../../shared/common/db/index.js';
import { DeadlineError } from '../../../../shared/common/deadline.js';

test('the gate admits `size` holders, hands a freed place to the next waiter, and refuses after the timeout', async () => {
  const gate = new Gate(2, 30);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const holders = [gate.run(() => held), gate.run(() => held)];
  assert.deepEqual(gate.stats, { size: 2, inUse: 2, waiting: 0 });
  await assert.rejects(
    gate.run(async () => 'late'),
    GateTimeoutError,
  );
  const waiter = gate.run(async () => 'served');
  assert.equal(gate.stats.waiting, 1);
  release();
  assert.equal(await waiter, 'served');
  await Promise.all(holders);
  assert.deepEqual(gate.stats, { size: 2, inUse: 0, waiting: 0 });
});

test('work that outlives workTimeoutMs: its caller gets a DeadlineError at once, its place stays taken until it ends', async () => {
  const gate = new Gate(1, 20, 30);
  let finish!: () => void;
  const stuck = new Promise<void>((r) => (finish = r));
  await assert.rejects(
    gate.run(() => stuck),
    DeadlineError,
  );
  assert.deepEqual(
    gate.stats,
    { size: 1, inUse: 1, waiting: 0 },
    'nothing more goes to a database that does not answer',
  );
  await assert.rejects(
    gate.run(async () => 'next'),
    GateTimeoutError,
  );
  finish();
  await stuck;
  assert.equal(await gate.run(async () => 'after'), 'after');
  assert.deepEqual(gate.stats, { size: 1, inUse: 0, waiting: 0 });
});
