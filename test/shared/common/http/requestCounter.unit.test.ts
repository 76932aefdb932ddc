/**
 * The ballot side's usage reports reach metering with no outbox behind them,
 * so each instance sends a bounded number a minute, each bounded in size, and
 * keeps a bounded backlog while Pub/Sub is away; a report over the bound is
 * refused by the event's schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { RequestCounter, type UsageReport } from '../../../../shared/common/http/requestCounter.js';
import { eventPayloads, maxReportedRequests } from '../../../../schemas/domainEvents.js';

test('a flush makes at most maxReportsPerFlush reports; the other orgs wait for the next, nothing is lost', async () => {
  const counter = new RequestCounter({ maxReportsPerFlush: 500, maxPending: 5000 });
  for (let i = 0; i < 600; i++) counter.count(`org-${i}`);
  const sent: UsageReport[] = [];
  await counter.flush(async (r) => void sent.push(r), assert.fail);
  assert.equal(sent.length, 500, 'the first minute');
  await counter.flush(async (r) => void sent.push(r), assert.fail);
  assert.equal(sent.length, 600, 'the rest in the next');
  assert.equal(new Set(sent.map((r) => r.orgId)).size, 600);
});

test('no report carries more than the bound; the rest follows in the next', async () => {
  const counter = new RequestCounter();
  for (let i = 0; i < maxReportedRequests + 5; i++) counter.count('busy-org');
  const sent: UsageReport[] = [];
  await counter.flush(async (r) => void sent.push(r), assert.fail);
  await counter.flush(async (r) => void sent.push(r), assert.fail);
  assert.deepEqual(
    sent.map((r) => r.apiRequests),
    [maxReportedRequests, 5],
  );
  const schema = eventPayloads['usage.reported'];
  assert.ok(v.is(schema, { source: 'elections', apiRequests: maxReportedRequests }));
  assert.ok(!v.is(schema, { source: 'elections', apiRequests: maxReportedRequests + 1 }), 'a larger one is refused');
});

test('with Pub/Sub away the backlog stays bounded: the oldest report is dropped, and said so', async () => {
  const dropped: UsageReport[] = [];
  const counter = new RequestCounter({ maxReportsPerFlush: 10, maxPending: 25 }, (r) => dropped.push(r));
  const away = async () => {
    throw new Error('pubsub away');
  };
  for (let minute = 0; minute < 4; minute++) {
    for (let i = 0; i < 10; i++) counter.count(`org-${minute}-${i}`);
    await counter.flush(away, () => {});
  }
  assert.equal(dropped.length, 15, '40 reports made, 25 kept');
  assert.equal(dropped[0]!.orgId, 'org-0-0', 'the oldest first');
  assert.equal(
    [...counter.undelivered().values()].reduce((a, b) => a + b, 0),
    25,
  );
});
