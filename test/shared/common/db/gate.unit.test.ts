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

test("a refusal's Retry-After grows with the line ahead, at the pace places were freed", async () => {
  let now = 0;
  const gate = new Gate(2, 20, undefined, { clock: () => now });
  // Two holds of 600 ms (by the gate's clock) set the pace: a place frees every 300 ms.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const slow = [gate.run(() => held), gate.run(() => held)];
  now += 600;
  release();
  await Promise.all(slow);
  assert.equal(gate.retryAfterSeconds(), 1, 'an empty line: the least');
  let hold!: () => void;
  const blocked = new Promise<void>((r) => (hold = r));
  const holders = [gate.run(() => blocked), gate.run(() => blocked)];
  const refusedAt = async (line: number) => {
    const waiting = Array.from({ length: line }, () => gate.run(async () => undefined).catch((e: unknown) => e));
    const refused = await gate.run(async () => undefined).catch((e: unknown) => e);
    await Promise.all(waiting);
    assert.ok(refused instanceof GateTimeoutError);
    return refused.retryAfterSeconds;
  };
  assert.equal(await refusedAt(1), 1);
  assert.equal(await refusedAt(20), 7, '21 in line at 300 ms each: 6.3 s, rounded up');
  assert.equal(await refusedAt(500), 30, 'never more than 30 s');
  hold();
  await Promise.all(holders);
});

test('the pace is the time between places freed while the gate is full, not the hold time over the size', async () => {
  let now = 0;
  const gate = new Gate(2, 60_000, undefined, { clock: () => now });
  // Twelve callers at once: the first two hold a second (a starved process stretches holds), then a place frees
  // every 10 ms, each to the next in line.
  const releases: (() => void)[] = [];
  const runs = Array.from({ length: 12 }, () => gate.run(() => new Promise<void>((resolve) => releases.push(resolve))));
  now = 1000;
  for (let i = 0; i < 10; i++) {
    releases[i]!();
    await new Promise((resolve) => setImmediate(resolve)); // the freed place passes to the next in line
    now += 10;
  }
  // 100 in line at a place every 10 ms: 1 s. Hold ÷ size (hundreds of ms a place here) would have said 30 s.
  assert.equal(gate.retryAfterSeconds(99), 1);
  assert.equal(gate.retryAfterSeconds(499), 5);
  for (const release of releases.slice(10)) release();
  await Promise.all(runs);
});

test('refusals are booked one place apart: a burst refused together is told to come back spread out', async () => {
  let now = 0;
  const gate = new Gate(1, 5, undefined, { clock: () => now });
  // One hold of 400 ms sets the pace before the gate was ever full: a place every 400 ms.
  let release!: () => void;
  await Promise.all([
    gate.run(() => new Promise<void>((r) => (release = r))),
    Promise.resolve().then(() => {
      now = 400;
      release();
    }),
  ]);
  let hold!: () => void;
  const holder = gate.run(() => new Promise<void>((r) => (hold = r)));
  // Ten callers refused one after another, each alone in the line: unbooked, every one would be told 1 s.
  const told: number[] = [];
  for (let i = 0; i < 10; i++) {
    const refused = await gate.run(async () => undefined).catch((e: unknown) => e);
    assert.ok(refused instanceof GateTimeoutError);
    told.push(refused.retryAfterSeconds);
  }
  assert.deepEqual(told, [1, 1, 2, 2, 2, 3, 3, 4, 4, 4], 'the n-th refused is told n × 400 ms, rounded up');
  // Once the booked time has passed, a refusal is told the least again.
  now += 10_000;
  const later = await gate.run(async () => undefined).catch((e: unknown) => e);
  assert.ok(later instanceof GateTimeoutError);
  assert.equal(later.retryAfterSeconds, 1);
  hold();
  await holder;
});

test('with a shared budget, the work of a caller that waited gets only what is left of it', async () => {
  let now = 0;
  const gate = new Gate(1, 150, 200, { sharedBudget: true, clock: () => now });
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const first = gate.run(async (msLeft) => {
    await held;
    return msLeft;
  });
  const second = gate.run(async (msLeft) => msLeft);
  now += 120; // the second waited 120 ms of its 200 (by the gate's clock)
  release();
  assert.equal(await first, 200, 'granted at once: the whole budget');
  assert.equal(await second, 80, 'what the wait left');
  assert.throws(() => new Gate(1, 200, 200, { sharedBudget: true }), /shorter/);
});
