/**
 * Opens and closes that fail half-way, and ones that race: a real failure is
 * injected at each step (KMS stopped, a privilege the step needs taken away
 * from the role that takes it), and afterwards the registry and the ballot
 * box agree, at once or after the lifecycle worker's next tick, with each
 * event recorded once.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CloseElectionResponse } from '../../../schemas/api.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import { scheduleDeps, workerDeps } from '../../helpers/workers.js';
import { waitFor } from '../../../local/wait.js';
import {
  closeDue,
  finishUnfinished,
  unfinishedAfterMs,
  type ScheduleDeps,
} from '../../../workers/lifecycle/scheduled.js';

let h: Harness;
let worker: ReturnType<typeof workerDeps>;
let schedule: ScheduleDeps;
before(async () => {
  h = await startHarness();
  worker = workerDeps(h.db);
  schedule = scheduleDeps(h, worker);
  await seedOrg(
    h,
    'acme',
    ['m1', 'm2', 'm3'].map((subject) => ({ subject })),
  );
});
after(async () => {
  await worker.sql.end();
  await h.close();
});

const chair = async (action: 'open' | 'close', id: string, body: unknown = {}) =>
  h.call<CloseElectionResponse>('POST', `/v1/orgs/acme/elections/${id}/${action}`, {
    auth: await h.jwt('alice'),
    body,
  });

type Sides = { registry: string; ballotBox: string; changing: boolean; opened: number; sealed: number };
async function sides(id: string): Promise<Sides> {
  const [r] = await h.db.admin`select status, changing_since from registry.elections where id = ${id}`;
  const [b] = await h.db.admin`select status from ballot_box.elections where id = ${id}`;
  const events = async (type: string) =>
    (
      await h.db.admin`
        select count(*)::int as n from registry.outbox where type = ${type} and envelope->'payload'->>'electionId' = ${id}`
    )[0]!.n as number;
  return {
    registry: String(r?.status),
    ballotBox: String(b?.status),
    changing: r?.changingSince != null,
    opened: await events('election.opened'),
    sealed: await events('election.sealed'),
  };
}

/** The lifecycle worker's tick, as if run once every change begun now is older than it lets one take. */
const nextTick = () => finishUnfinished(schedule, new Date(Date.now() + unfinishedAfterMs + 1000));

/** A privilege taken from a role for the length of `during`: the step that needs it fails in PostgreSQL itself. */
async function without<T>(grant: string, role: string, during: () => Promise<T>): Promise<T> {
  await h.db.admin.unsafe(`revoke ${grant} from ${role}`);
  try {
    return await during();
  } finally {
    await h.db.admin.unsafe(`grant ${grant} to ${role}`);
  }
}

/** The chair tries again until the ballot box's circuit breaker lets the call through. */
async function chairUntilDone(action: 'open' | 'close', id: string) {
  let status = 0;
  await waitFor(`the chair's ${action} to go through`, 15_000, async () => {
    status = (await chair(action, id)).status;
    return status !== 503;
  });
  return status;
}

/** Where a failure is injected, how, and what the ballot box holds right after it. */
type FailingStep = {
  step: string;
  fail: (chairAction: () => Promise<number>) => Promise<number>;
  ballotBoxAfter: string;
};

describe('a failed open leaves the two sides agreeing', () => {
  let lastCreated = '';
  const steps: FailingStep[] = [
    {
      step: 'the registry records the open as begun',
      fail: (open) => without('update on registry.elections', 'ekklesia_registry', open),
      ballotBoxAfter: 'draft',
    },
    {
      step: "KMS unwraps the election's secret",
      fail: async (open) => {
        h.electionKeys.forget('acme', lastCreated); // as on an instance that has not unwrapped it yet
        await h.stopKms();
        try {
          return await open();
        } finally {
          await h.startKms();
        }
      },
      ballotBoxAfter: 'draft',
    },
    {
      step: 'the ballot box registers the token hashes',
      fail: (open) => without('insert on ballot_box.tokens', 'ekklesia_ballot_box', open),
      ballotBoxAfter: 'draft',
    },
    {
      step: 'the ballot box opens',
      fail: (open) => without('update on ballot_box.elections', 'ekklesia_ballot_box', open),
      ballotBoxAfter: 'draft',
    },
    {
      step: 'the registry records the open as done',
      fail: (open) => without('insert on registry.outbox', 'ekklesia_registry', open),
      ballotBoxAfter: 'open',
    },
  ];
  for (const { step, fail, ballotBoxAfter } of steps) {
    test(`failing where ${step}: refused, then settled by the next tick; the chair's retry opens it once`, async () => {
      const id = (lastCreated = await seedElection(h, 'acme'));
      const status = await fail(async () => (await chair('open', id)).status);
      assert.ok(status >= 500, `the open answered ${status}`);
      const after = await sides(id);
      assert.equal(after.ballotBox, ballotBoxAfter);
      if (after.ballotBox !== 'draft')
        assert.deepEqual(
          [after.registry, after.changing],
          ['draft', true],
          'a ballot box open ahead of the registry is known to the registry',
        );

      await nextTick();
      const settled = await sides(id);
      assert.equal(settled.registry, settled.ballotBox, 'the tick brought the two sides together');
      assert.equal(settled.changing, false);
      assert.equal(settled.opened, settled.registry === 'open' ? 1 : 0);

      if (settled.registry === 'draft') assert.equal(await chairUntilDone('open', id), 200);
      assert.deepEqual(await sides(id), {
        registry: 'open',
        ballotBox: 'open',
        changing: false,
        opened: 1,
        sealed: 0,
      });
      const { token } = await tokenFor(h, 'acme', id, 'm1');
      assert.equal(
        (await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['yes'] } })).status,
        201,
        'a token issued after the settled open votes',
      );
    });
  }
});

describe('a failed close is finished, once', () => {
  const steps: FailingStep[] = [
    {
      step: 'the ballot box closes',
      fail: (close) => without('update on ballot_box.elections', 'ekklesia_ballot_box', close),
      ballotBoxAfter: 'open',
    },
    {
      step: 'the registry records the seal',
      fail: (close) => without('insert on registry.outbox', 'ekklesia_registry', close),
      ballotBoxAfter: 'sealed',
    },
  ];
  for (const { step, fail, ballotBoxAfter } of steps) {
    test(`failing where ${step}: the registry says closed (no more tokens), and the next tick seals both sides`, async () => {
      const id = await seedElection(h, 'acme');
      await openElection(h, 'acme', id);
      const { token } = await tokenFor(h, 'acme', id, 'm2');
      assert.equal(
        (await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['no'] } })).status,
        201,
      );
      const status = await fail(async () => (await chair('close', id)).status);
      assert.ok(status >= 500, `the close answered ${status}`);
      const after = await sides(id);
      assert.deepEqual([after.registry, after.changing, after.ballotBox], ['closed', true, ballotBoxAfter]);
      const late = await h.call('POST', `/v1/orgs/acme/elections/${id}/token`, { auth: await h.jwt('m3'), body: {} });
      assert.equal(late.status, 409, 'a closing election issues no tokens');

      await nextTick();
      assert.deepEqual(await sides(id), {
        registry: 'sealed',
        ballotBox: 'sealed',
        changing: false,
        opened: 1,
        sealed: 1,
      });
      const [stored] = await h.db.admin`select results from registry.elections where id = ${id}`;
      assert.equal((stored?.results as { ballotsCast: number }).ballotsCast, 1);
      assert.equal(await chairUntilDone('close', id), 200, "the chair's retry answers the stored results");
      assert.equal((await sides(id)).sealed, 1);
    });
  }
});

describe('races', () => {
  test('four opens at once: one opens it, one election.opened is recorded', async () => {
    const id = await seedElection(h, 'acme');
    const answers = await Promise.all([1, 2, 3, 4].map(() => chair('open', id)));
    const statuses = answers.map((a) => a.status).sort();
    assert.equal(statuses.filter((s) => s === 200).length >= 1, true, statuses.join());
    assert.deepEqual(
      statuses.filter((s) => s !== 200),
      statuses.filter((s) => s === 409),
      'the others are told it is open already',
    );
    assert.deepEqual(await sides(id), { registry: 'open', ballotBox: 'open', changing: false, opened: 1, sealed: 0 });
  });

  test('four closes and the scheduled close at once: all answer the same results, one election.sealed is recorded', async () => {
    const id = await seedElection(h, 'acme');
    await chair('open', id, { closesAt: new Date(Date.now() + 3_600_000).toISOString() });
    const { token } = await tokenFor(h, 'acme', id, 'm1');
    await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['abstain'] } });
    const [answers, scheduled] = await Promise.all([
      Promise.all([1, 2, 3, 4].map(() => chair('close', id))),
      closeDue(schedule, new Date(Date.now() + 7_200_000)),
    ]);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200],
    );
    const bodies = await Promise.all(answers.map((a) => a.json()));
    for (const body of bodies) assert.deepEqual(body, bodies[0]);
    assert.equal(bodies[0]!.results.ballotsCast, 1);
    assert.ok(scheduled <= 1);
    assert.deepEqual(await sides(id), {
      registry: 'sealed',
      ballotBox: 'sealed',
      changing: false,
      opened: 1,
      sealed: 1,
    });
  });
});
