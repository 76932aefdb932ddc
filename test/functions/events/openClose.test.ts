import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { verifyTracker } from '../../../shared/common/crypto/index.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../../helpers/harness.js';
import type {
  CloseElectionResponse,
  Election,
  ElectionResults,
  OpenElectionResponse,
  PublishedTally,
  Tracker,
} from '../../../schemas/api.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await seedOrg(
    h,
    'acme',
    ['m1', 'm2', 'm3', 'm4', 'bob'].map((subject) => ({ subject })),
  );
  await seedOrg(h, 'other', [{ subject: 'olga' }]);
});
after(() => h.close());

type ChairAnswers = { open: OpenElectionResponse; close: CloseElectionResponse };
const admin = async <A extends keyof ChairAnswers>(
  action: A,
  id: string,
  as = 'alice',
  org = 'acme',
  body: unknown = {},
) => h.call<ChairAnswers[A]>('POST', `/v1/orgs/${org}/elections/${id}/${action}`, { auth: await h.jwt(as), body });
const statusOf = async (id: string) => {
  const [registry] = await h.db.admin`select status from registry.elections where id = ${id}`;
  const [ballotBox] = await h.db.admin`select status from ballot_box.elections where id = ${id}`;
  return [registry?.status, ballotBox?.status];
};

describe('open and close happy', () => {
  test('draft → open → sealed on both sides; results, tracker and turnout agree with the ballots', async () => {
    const id = await seedElection(h, 'acme');
    assert.deepEqual(await statusOf(id), ['draft', 'draft']);
    const opened = await admin('open', id, 'alice', 'acme', {
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    assert.equal(opened.status, 200);
    assert.deepEqual(await opened.json(), { status: 'open' });
    assert.deepEqual(await statusOf(id), ['open', 'open']);

    const choices = ['yes', 'yes', 'no', 'abstain'];
    const receipts: string[] = [];
    for (const [i, choice] of choices.entries()) {
      const { token, receipt } = await tokenFor(h, 'acme', id, `m${i + 1}`);
      assert.equal(
        (await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: [choice] } })).status,
        201,
      );
      receipts.push(receipt);
    }
    const midway = await h.call<Election>('GET', `/v1/orgs/acme/elections/${id}`, {
      auth: await h.jwt('bob'),
    });
    assert.deepEqual((await midway.json()).turnout, { eligible: 6, ballotsCast: 4 });
    assert.equal((await h.vote('GET', `/v1/elections/${id}/tracker`)).status, 409);
    assert.equal(
      (await h.call('GET', `/v1/orgs/acme/elections/${id}/results`, { auth: await h.jwt('bob') })).status,
      409,
    );

    const closed = await admin('close', id);
    assert.equal(closed.status, 200);
    const { status, results } = await closed.json();
    assert.equal(status, 'sealed');
    assert.equal(results.ballotsCast, 4);
    assert.deepEqual(
      results.options.map((o: { id: string; votes: number }) => [o.id, o.votes]),
      [
        ['yes', 2],
        ['no', 1],
        ['abstain', 1],
      ],
    );
    assert.deepEqual(await statusOf(id), ['sealed', 'sealed']);

    const memberView = await h.call<ElectionResults>('GET', `/v1/orgs/acme/elections/${id}/results`, {
      auth: await h.jwt('bob'),
    });
    assert.deepEqual(await memberView.json(), results);
    const publicView = await (await h.vote<PublishedTally>('GET', `/v1/elections/${id}/results`)).json();
    assert.deepEqual(publicView.tally, [
      { option: 'yes', votes: 2 },
      { option: 'no', votes: 1 },
      { option: 'abstain', votes: 1 },
    ]);
    assert.equal(publicView.root, results.root);

    const tracker = await (await h.vote<Tracker>('GET', `/v1/elections/${id}/tracker`)).json();
    assert.deepEqual(
      tracker.ballots.map((b: { receipt: string }) => b.receipt),
      [...receipts].sort(),
    );
    assert.equal(tracker.root, results.root);
    assert.deepEqual(verifyTracker(tracker), { ok: true });
  });

  test('sealing deletes the token hashes, shreds the election secret, and rewrites the ballots in receipt order', async () => {
    const id = await seedElection(h, 'acme');
    await openElection(h, 'acme', id);
    for (const m of ['m1', 'm2', 'm3']) {
      const { token } = await tokenFor(h, 'acme', id, m);
      await h.vote('POST', `/v1/elections/${id}/ballots`, { auth: token, body: { choices: ['no'] } });
    }
    await tokenFor(h, 'acme', id, 'm4'); // issued, never used
    assert.equal((await admin('close', id)).status, 200);
    const tokens = await h.db.admin`select 1 from ballot_box.tokens where election_id = ${id}`;
    assert.equal(tokens.length, 0);
    const [key] = await h.db.admin<{ wrapped: Buffer | null; shreddedAt: Date | null }[]>`
      select wrapped, shredded_at from registry.election_keys where election_id = ${id}`;
    assert.deepEqual(
      { wrapped: key?.wrapped, shredded: key?.shreddedAt instanceof Date },
      { wrapped: null, shredded: true },
    );
    const rows = await h.db.admin<{ receipt: string; xmin: string }[]>`
      select receipt, xmin::text as xmin from ballot_box.ballots where election_id = ${id} order by ctid`;
    assert.equal(new Set(rows.map((r) => r.xmin)).size, 1, 'every ballot row was written by the seal');
    assert.deepEqual(
      rows.map((r) => r.receipt),
      rows.map((r) => r.receipt).sort(),
      'physical order is receipt order',
    );
  });

  test('closing a sealed election again answers the same results', async () => {
    const id = await seedElection(h, 'acme');
    await openElection(h, 'acme', id);
    const first = await (await admin('close', id)).json();
    const second = await admin('close', id);
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), first);
  });
});

describe('open and close errors', () => {
  test('opening twice, closing a draft: 409 invalid_transition, states unchanged', async () => {
    const id = await seedElection(h, 'acme');
    const closeDraft = await admin('close', id);
    assert.equal(closeDraft.status, 409);
    assert.equal((await closeDraft.json()).code, 'invalid_transition');
    assert.deepEqual(await statusOf(id), ['draft', 'draft']);
    await openElection(h, 'acme', id);
    const again = await admin('open', id);
    assert.equal(again.status, 409);
    assert.equal((await again.json()).code, 'invalid_transition');
    assert.deepEqual(await statusOf(id), ['open', 'open']);
  });

  test('closesAt in the past is 400', async () => {
    const id = await seedElection(h, 'acme');
    const res = await admin('open', id, 'alice', 'acme', { closesAt: '2020-01-01T00:00:00Z' });
    assert.equal(res.status, 400);
    assert.deepEqual(await statusOf(id), ['draft', 'draft']);
  });
});
