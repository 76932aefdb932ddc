/**
 * BALLOT_MODE=queue end to end: the elections function, the Cloud Tasks
 * stand-in (driven by the real client), the ballot task handler, a real
 * PostgreSQL. A 202 is a promise: each becomes counted, a retry collapses
 * onto its task, and the close waits for the queue before it seals.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../../local/wait.js';
import { randomBytes } from 'node:crypto';
import { tokenHash } from '../../../shared/common/crypto/index.js';
import { createElectionKeys } from '../../../shared/registry/electionKeys.js';
import { linkMembersToChoices, snapshot, type Unwrap } from '../../helpers/linkAttack.js';
import { openElection, seedElection, seedOrg, startHarness, tokenFor, type Harness } from '../../helpers/harness.js';
import type { CastBallotResponse, ReceiptResponse } from '../../../schemas/api.js';
import { countRows } from '../../helpers/db.js';

let h: Harness;
const voters = Array.from({ length: 24 }, (_, i) => `v${i}`);
const lateVoters = Array.from({ length: 8 }, (_, i) => `w${i}`);
const crashVoters = Array.from({ length: 12 }, (_, i) => `k${i}`);

before(async () => {
  h = await startHarness({ ballotMode: 'queue' });
  await seedOrg(
    h,
    'acme',
    [...voters, ...lateVoters, ...crashVoters].map((subject) => ({ subject })),
  );
});
after(() => h.close());

async function openWithTokens(subjects: string[]) {
  const election = await seedElection(h, 'acme');
  await openElection(h, 'acme', election);
  const tokens = [];
  for (const s of subjects) tokens.push((await tokenFor(h, 'acme', election, s)).token);
  return { election, tokens };
}

const cast = (election: string, token: string, choice = 'yes') =>
  h.vote<CastBallotResponse>('POST', `/v1/elections/${election}/ballots`, { auth: token, body: { choices: [choice] } });

const receiptStatus = async (election: string, receipt: string) => {
  const res = await h.vote<ReceiptResponse>('GET', `/v1/elections/${election}/receipts/${receipt}`);
  return res.status === 200 ? (await res.json()).status : 'unknown';
};

const ballotsOf = async (election: string) =>
  (
    await h.db.admin<{ receipt: string; choices: string[] }[]>`
      select receipt, choices from ballot_box.ballots where election_id = ${election} order by receipt`
  ).map((b) => ({ receipt: b.receipt, choices: [...b.choices] }));

test('every ballot is queued (202) and becomes counted; a retry is the same promise, one task, one ballot', async () => {
  const { election, tokens } = await openWithTokens(voters.slice(0, 2));
  const first = await cast(election, tokens[0]!);
  assert.equal(first.status, 202);
  const { receipt, status } = await first.json();
  assert.equal(status, 'queued');
  const again = await cast(election, tokens[0]!);
  assert.equal(again.status, 202);
  assert.deepEqual(await again.json(), { receipt, status: 'queued' });

  await waitFor(
    'the queued ballot to be counted',
    10_000,
    async () => (await receiptStatus(election, receipt)) === 'counted',
  );
  assert.deepEqual(await ballotsOf(election), [{ receipt, choices: ['yes'] }]);
  assert.equal((await cast(election, tokens[0]!)).status, 202, 'a late retry: the task name is still taken');
  assert.equal((await ballotsOf(election)).length, 1);
  assert.equal(await receiptStatus(election, 'A'.repeat(43)), 'unknown');
});

test('a handler that cannot apply a ballot (its token held) is retried by the queue until it counts, once', async () => {
  const { election, tokens } = await openWithTokens(voters.slice(2, 3));
  const holder = await h.db.admin.reserve();
  let receipt: string;
  try {
    await holder`begin`;
    await holder`select 1 from ballot_box.tokens where token_hash = ${tokenHash(tokens[0]!)} for update`;
    const res = await cast(election, tokens[0]!);
    assert.equal(res.status, 202);
    receipt = (await res.json()).receipt;
    const before = (await h.tasks!.stats()).retried;
    await waitFor('the queue to retry', 10_000, async () => (await h.tasks!.stats()).retried >= before + 2);
    assert.equal(await receiptStatus(election, receipt), 'queued');
  } finally {
    await holder`rollback`;
    holder.release();
  }
  await waitFor('the ballot to be counted', 10_000, async () => (await receiptStatus(election, receipt)) === 'counted');
  assert.equal((await ballotsOf(election)).length, 1);
});

test('the handler killed while ballots are queued: the queue retries until it is back, and each is counted exactly once', async () => {
  const { election, tokens } = await openWithTokens(lateVoters);
  await h.ballotTasks!.kill();
  const before = (await h.tasks!.stats()).retried;
  let restarted = false;
  try {
    const answers = await Promise.all(tokens.map((t) => cast(election, t)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([202]));
    const receipts = await Promise.all(answers.map(async (a) => (await a.json()).receipt));
    await waitFor(
      'the queue to retry against the dead handler',
      10_000,
      async () => (await h.tasks!.stats()).retried >= before + 8,
    );
    assert.equal(await receiptStatus(election, receipts[0]!), 'queued');
    await h.ballotTasks!.restart();
    restarted = true;
    await waitFor(
      'every queued ballot counted',
      15_000,
      async () => (await ballotsOf(election)).length === 8 && (await h.tasks!.stats()).inQueue === 0,
    );
    assert.deepEqual(
      (await ballotsOf(election)).map((b) => b.receipt),
      [...receipts].sort(),
      'each once',
    );
  } finally {
    if (!restarted) await h.ballotTasks!.restart();
  }
});

test('the Cloud Tasks stand-in killed with ballots in it: once restarted, every 202 is counted at the close', async () => {
  const { election, tokens } = await openWithTokens(crashVoters);
  await h.ballotTasks!.kill(); // nothing is applied yet: every task is still in the queue
  let handlerUp = false;
  try {
    const answers = await Promise.all(tokens.map((t, i) => cast(election, t, i % 3 ? 'yes' : 'no')));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([202]));
    const receipts = await Promise.all(answers.map(async (a) => (await a.json()).receipt));
    assert.equal((await h.tasks!.stats()).inQueue, crashVoters.length);

    await h.tasks!.kill();
    await h.tasks!.restart();
    await h.ballotTasks!.restart();
    handlerUp = true;

    let sealed: { results?: { ballotsCast: number } } = {};
    await waitFor('the close to seal', 30_000, async () => {
      const res = await h.call<{ results: { ballotsCast: number } }>(
        'POST',
        `/v1/orgs/acme/elections/${election}/close`,
        { auth: await h.jwt('alice') },
      );
      assert.ok(res.status === 200 || res.status === 503, `the close answered ${res.status}`);
      if (res.status === 200) sealed = await res.json();
      return res.status === 200;
    });
    assert.equal(sealed.results?.ballotsCast, crashVoters.length);
    assert.deepEqual(
      (await ballotsOf(election)).map((b) => b.receipt),
      [...receipts].sort(),
      'every 202, once',
    );
  } finally {
    if (!handlerUp) await h.ballotTasks!.restart();
  }
});

test('a close racing the queue: the seal waits for every queued ballot, and the tally is every 202', async () => {
  const { election, tokens } = await openWithTokens(voters.slice(3, 23));
  // One ballot cannot be applied yet (its token held), so it is still in the queue when the close comes.
  const holder = await h.db.admin.reserve();
  await holder`begin`;
  await holder`select 1 from ballot_box.tokens where token_hash = ${tokenHash(tokens[0]!)} for update`;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await holder`rollback`;
    holder.release();
  };
  try {
    const answers = await Promise.all(tokens.map((t, i) => cast(election, t, i % 2 ? 'yes' : 'no')));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([202]));
    const receipts = await Promise.all(answers.map(async (a) => (await a.json()).receipt));

    const closing = h.call<{ results: { ballotsCast: number } }>('POST', `/v1/orgs/acme/elections/${election}/close`, {
      auth: await h.jwt('alice'),
    });
    await waitFor('the ballot box to be closed', 10_000, async () => {
      const [row] = await h.db.admin<
        { status: string }[]
      >`select status from ballot_box.elections where id = ${election}`;
      return row?.status === 'closed';
    });
    assert.equal(await receiptStatus(election, receipts[0]!), 'queued', 'closed, with a promised ballot still queued');
    await release();
    const closed = await closing;
    assert.equal(closed.status, 200);
    assert.equal((await closed.json()).results.ballotsCast, 20);
    assert.deepEqual(
      (await ballotsOf(election)).map((b) => b.receipt),
      [...receipts].sort(),
    );
  } finally {
    await release();
  }
  assert.equal((await h.tasks!.stats()).inQueue, 0, 'nothing of the election is left in the queue');
  const tokensLeft = { n: await countRows(h.db.admin)`ballot_box.tokens where election_id = ${election}` };
  assert.equal(tokensLeft!.n, 0, 'the seal deleted every token hash, queued ballots included');
});

test("an election's own mode overrides the deployment's: sync takes the fast path (201) in a queue deployment", async () => {
  const res = await h.call<{ id: string; ballotMode: string | null }>('POST', '/v1/orgs/acme/elections', {
    auth: await h.jwt('alice'),
    body: { title: 'Small vote', kind: 'yes_no_abstain', ballotMode: 'sync' },
  });
  assert.equal(res.status, 201);
  const created = await res.json();
  assert.equal(created.ballotMode, 'sync');
  await openElection(h, 'acme', created.id);
  const { token, receipt } = await tokenFor(h, 'acme', created.id, 'v23');
  const cast = await h.vote<CastBallotResponse>('POST', `/v1/elections/${created.id}/ballots`, {
    auth: token,
    body: { choices: ['no'] },
  });
  assert.equal(cast.status, 201);
  assert.deepEqual(await cast.json(), { receipt, status: 'counted' });
});

test('the chair may set the mode at the open: a draft asked for a ballot first is not cached with its old mode', async () => {
  const election = await seedElection(h, 'acme');
  const { token, receipt } = await tokenFor(h, 'acme', election, 'v22');
  const early = await h.vote('POST', `/v1/elections/${election}/ballots`, { auth: token, body: { choices: ['yes'] } });
  assert.equal(early.status, 409, 'a draft takes no ballot, queued or not');
  const opened = await h.call('POST', `/v1/orgs/acme/elections/${election}/open`, {
    auth: await h.jwt('alice'),
    body: { ballotMode: 'sync' },
  });
  assert.equal(opened.status, 200);
  const read = await h.call<{ ballotMode: string | null }>('GET', `/v1/orgs/acme/elections/${election}`, {
    auth: await h.jwt('alice'),
  });
  assert.equal((await read.json()).ballotMode, 'sync');
  const cast = await h.vote<CastBallotResponse>('POST', `/v1/elections/${election}/ballots`, {
    auth: token,
    body: { choices: ['yes'] },
  });
  assert.equal(cast.status, 201);
  assert.deepEqual(await cast.json(), { receipt, status: 'counted' });
});

test('queued ballots keep the secrecy promise: before the seal the operator attack links every voter (control), after it none', async () => {
  const subjects = voters.slice(0, 4);
  const { election, tokens } = await openWithTokens(subjects);
  const choices = ['yes', 'no', 'abstain', 'yes'];
  const answers = await Promise.all(tokens.map((t, i) => cast(election, t, choices[i])));
  assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([202]));
  await waitFor('the queue to drain', 10_000, async () => (await ballotsOf(election)).length === 4);
  // The operator's own KMS client, a fresh one for each attack: nothing kept in memory between them.
  const operatorUnwrap = (): Unwrap => {
    const operatorKeys = createElectionKeys(h.kmsConfig);
    return (w) => operatorKeys.unwrap(w.orgId, w.electionId, w);
  };
  const truth = new Map(subjects.map((s, i) => [s, [choices[i]!]]));
  const correct = (linked: Map<string, string[]>) =>
    [...linked].filter(([member, got]) => truth.get(member)?.join() === got.join()).length;

  const before = await snapshot(h.db.admin, election);
  assert.equal(
    correct(await linkMembersToChoices(before, subjects, operatorUnwrap())),
    4,
    'the attack works while it is open',
  );
  const closed = await h.call('POST', `/v1/orgs/acme/elections/${election}/close`, { auth: await h.jwt('alice') });
  assert.equal(closed.status, 200);
  const after = await snapshot(h.db.admin, election);
  const withBackup = { ...after, wrapped: [...after.wrapped, ...before.wrapped] };
  assert.deepEqual([...(await linkMembersToChoices(withBackup, subjects, operatorUnwrap())).keys()], []);
  assert.equal((await h.tasks!.stats()).inQueue, 0, 'no task, and so no token hash, is left in the queue');
});

test('a flood of made-up tokens is refused as the fast path refuses it: 20 × 401, and not one task', async () => {
  const { election, tokens } = await openWithTokens(voters.slice(20, 21));
  assert.equal((await cast(election, tokens[0]!)).status, 202, 'a registered token is queued');
  await waitFor('the queue to apply it', 10_000, async () => (await h.tasks!.stats()).inQueue === 0);
  const before = (await h.tasks!.stats()).dispatched;
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => cast(election, randomBytes(32).toString('base64url'))),
  );
  assert.deepEqual(
    answers.map((a) => a.status),
    Array(20).fill(401),
  );
  for (const a of answers) assert.equal((await a.json()).code, 'invalid_token');
  await waitFor('the queue to settle', 10_000, async () => (await h.tasks!.stats()).inQueue === 0);
  assert.equal((await h.tasks!.stats()).dispatched, before, 'no task was made for them');
});

test('poison tasks ([x,x,x] on a single choice, a NUL, an unknown option) count nothing and never hold the seal back', async () => {
  const { election, tokens } = await openWithTokens(voters.slice(21, 23));
  assert.equal((await cast(election, tokens[0]!, 'no')).status, 202, 'one real ballot');
  const poison = (token: string, choices: string[]) =>
    h.electionsDeps.queue!.ballots.enqueue({
      orgId: 'acme',
      electionId: election,
      tokenHash: tokenHash(token).toString('base64url'),
      receipt: randomBytes(32).toString('base64url'),
      choices,
      queuedAt: Date.now(),
    });
  // Straight into the queue, past the elections function's checks, as a forged or buggy producer would.
  await poison(tokens[1]!, ['yes', 'yes', 'yes']);
  await poison(randomBytes(32).toString('base64url'), ['yes\u0000']);
  await poison(tokens[1]!, ['zebra']);
  const closed = await h.call<{ results: { ballotsCast: number; options: { id: string; votes: number }[] } }>(
    'POST',
    `/v1/orgs/acme/elections/${election}/close`,
    { auth: await h.jwt('alice') },
  );
  assert.equal(closed.status, 200, 'the seal went through: every poison task was answered 2xx, none is retried');
  const { results } = await closed.json();
  assert.equal(results.ballotsCast, 1);
  assert.deepEqual(
    results.options.map((o) => [o.id, o.votes]),
    [
      ['yes', 0],
      ['no', 1],
      ['abstain', 0],
    ],
  );
  assert.equal((await h.tasks!.stats()).inQueue, 0);
});
