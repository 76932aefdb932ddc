/**
 * S2S changes the caller gave up on never take effect later: the elections
 * function as its own process, frozen with SIGSTOP while the registry's
 * calls time out, then let go; and a change held up by a lock inside its
 * transaction until after its deadline.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { startFunction, type FunctionProcess } from '../../../local/processes/functionProcess.js';
import { freePort } from '../../../local/processes/freePort.js';
import { waitFor } from '../../../local/wait.js';
import { createBallotBox, type BallotBox } from '../../../shared/registry/ballotBox.js';
import { startHarness, seedOrg, seedElection, type Harness } from '../../helpers/harness.js';

let h: Harness;
let frozen: FunctionProcess;
const lines: string[] = [];

before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme');
  const port = await freePort();
  frozen = await startFunction(
    'elections',
    `http://127.0.0.1:${port}`,
    {
      PORT: String(port),
      DATABASE_URL: h.db.url('ekklesia_ballot_box'),
      S2S_KEYS: h.s2sKeys,
      METADATA_SERVER_DETECTION: 'none',
    },
    { onLine: (line) => lines.push(line) },
  );
});
after(async () => {
  frozen.child.kill('SIGCONT');
  await frozen.stop();
  await h.close();
});

/** The registry's S2S client with a short timeout and no retries, aimed at `url`. */
const impatient = (url: string): BallotBox =>
  createBallotBox({ ...h.ballotBoxConfig, url, timeoutMs: 600, sealTimeoutMs: 600, retries: 0 });

const ballotBoxStatus = async (id: string) =>
  (await h.db.admin`select status from ballot_box.elections where id = ${id}`)[0]?.status as string | undefined;

test('a frozen elections function: the calls that timed out are refused when it wakes, and change nothing', async () => {
  const draft = await seedElection(h, 'acme');
  const orphan = randomUUID();
  const hash = randomBytes(32).toString('base64url');
  const ballotBox = impatient(frozen.url);

  frozen.child.kill('SIGSTOP');
  const outcomes = await Promise.allSettled([
    ballotBox.define('acme', orphan, { kind: 'single', optionIds: ['a', 'b'], maxChoices: 1 }),
    ballotBox.registerTokens('acme', draft, [hash]),
    ballotBox.open('acme', draft),
  ]);
  assert.deepEqual(
    outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code?: string }).code : 'fulfilled')),
    ['unavailable', 'unavailable', 'unavailable'],
    'the registry saw every call time out',
  );
  frozen.child.kill('SIGCONT');

  const late = () => lines.filter((l) => l.includes('past its deadline')).length;
  await waitFor('the woken function to refuse the three late requests', 15_000, async () => late() >= 3);
  assert.equal(await ballotBoxStatus(draft), 'draft', 'the late open was not made');
  assert.equal(await ballotBoxStatus(orphan), undefined, 'the late definition was not stored');
  const [tokens] = await h.db.admin`select count(*)::int as n from ballot_box.tokens where election_id = ${draft}`;
  assert.equal(tokens?.n, 0, 'the late token hash was not registered');

  // Awake and on time, the same calls are made.
  await ballotBox.registerTokens('acme', draft, [hash]);
  await ballotBox.open('acme', draft);
  assert.equal(await ballotBoxStatus(draft), 'open');
});

test('a change held up inside its transaction past its deadline rolls back', async () => {
  const draft = await seedElection(h, 'acme');
  const ballotBox = impatient(h.elections.url);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const lockTaken = new Promise<void>((r) => (locked = r));
  // Another session holds the election's row: the open's update waits for it.
  const holder = h.db.admin.begin(async (tx) => {
    await tx`select 1 from ballot_box.elections where id = ${draft} for update`;
    locked();
    await held;
  });
  await lockTaken;
  await assert.rejects(ballotBox.open('acme', draft), (err: { code?: string }) => err.code === 'unavailable');
  release();
  await holder;
  await waitFor('the held-up open to finish', 10_000, async () => h.logs.some((l) => l.includes('past its deadline')));
  assert.equal(await ballotBoxStatus(draft), 'draft', 'the open made after its deadline was rolled back');
  const [answers] = await h.db.admin`
    select count(*)::int as n from ballot_box.s2s_requests where idempotency_key = ${`open:${draft}`}`;
  assert.equal(answers?.n, 0, 'and no answer was stored for it');
});
