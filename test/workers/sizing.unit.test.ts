/**
 * The lifecycle worker's sizing against docs/capacity.md's table: for each
 * row, the instances the attendees need (Little's law over the vote's
 * window, 650 ballots a second an instance), what prod's policy sets (at
 * least its warm minimum, at most the service's maximum) and the shortfall
 * it reports; and meetings on at once are sized together.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { instancesFor } from '../../workers/lifecycle/sizing.js';
import { decide } from '../../workers/lifecycle/plan.js';
import type { LifecyclePolicy } from '../../shared/common/config/index.js';
import type { MeetingPlan } from '../../shared/registry/db/index.js';

/** Prod's policy (infra/environments/prod/app/main.tf), its elections maximum 8. */
const prod: LifecyclePolicy = {
  leadMinutes: 30,
  defaultHours: 4,
  warmMinInstances: 4,
  baseMinInstances: 0,
  tierThreshold: 50,
  voteWindowS: 5,
  ballotsPerInstance: 650,
  maxInstances: 8,
  warmTier: 'db-custom-2-7680',
  baseTier: 'db-f1-micro',
  warmAvailability: 'REGIONAL',
  baseAvailability: 'ZONAL',
  meetingTraceRatio: 1,
};
const startsAt = new Date('2027-05-01T10:00:00Z');
const meeting = (expectedAttendees: number, meetingId = 'm'): MeetingPlan => ({
  orgId: 'congress',
  meetingId,
  startsAt,
  endsAt: null,
  expectedAttendees,
  prewarmedAt: null,
  scaledDownAt: null,
});
const warmingAt = new Date(startsAt.getTime() - 30 * 60_000);
const number = (cell: string) => Number(cell.replace(/,/g, ''));

test("docs/capacity.md's table is what the worker decides", () => {
  const doc = readFileSync(new URL('../../docs/capacity.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| ([\d,]+) \| ([\d,]+) \| (\d+) \| (\d+)( \(short of (\d+)\))? \|/gm)];
  assert.equal(rows.length, 6, 'the table has its six rows');
  for (const [, attendees, rate, needed, sets, , short] of rows) {
    const n = number(attendees!);
    assert.equal(number(rate!), n / prod.voteWindowS, `${attendees}: ballots a second`);
    assert.equal(instancesFor(n, prod), Number(needed), `${attendees}: instances needed`);
    const decision = decide([meeting(n)], warmingAt, prod);
    assert.equal(decision.capacity?.minInstances, Number(sets), `${attendees}: what prod sets`);
    assert.deepEqual(
      decision.shortOf,
      short ? { needed: Number(short), allowed: prod.maxInstances } : undefined,
      `${attendees}: the shortfall`,
    );
  }
});

test('meetings on at once are sized together; after them, the base', () => {
  const together = decide([meeting(10_000, 'a'), meeting(10_000, 'b')], warmingAt, prod);
  assert.equal(together.capacity?.minInstances, 7, "20,000 attendees together: the table's row");
  const after = decide(
    [{ ...meeting(10_000), prewarmedAt: warmingAt }],
    new Date(startsAt.getTime() + 5 * 3_600_000),
    prod,
  );
  assert.equal(after.capacity?.minInstances, 0);
  assert.equal(after.shortOf, undefined);
});
