/**
 * Secrecy against an operator who holds no key at all, only what an operator
 * of the database has (docs/threat-model.md): the sealed database, a base
 * backup taken while members were voting, and the WAL archive, with which
 * they restore the database as it was just before the seal and read every
 * transaction's commit time. The attack (test/helpers/timingAttack.ts) pairs
 * each member with the ballot committed right after the last row the vote
 * wrote about them; the public tracker turns each ballot into choices.
 *
 * Voters follow the web app's flow for a member who signs in as the vote
 * runs: the page learns of the open election and fetches the token, and the
 * member casts a moment later, the closest a token request and its ballot
 * come. Election A: ten voters one after another. Election B: thirty voters
 * in groups of up to six at once, while the base backup is taken.
 *
 * A random guess pairs 1 member right on average; the test fails when the
 * attack beats what chance reaches with a probability of 1e-3.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { urlFor, type PgServer } from '../../local/processes/postgres.js';
import { migrateDatabase, superuser } from '../../local/stack/database.js';
import { createTestDb, countRows } from '../helpers/db.js';
import { openElection, seedElection, seedOrg, startHarness, tokenFor, type Harness } from '../helpers/harness.js';
import { archiveEverything, baseBackup, commitTimes, restore, startArchivingServer } from '../helpers/pitr.js';
import { chanceBound, gatherEvidence, pairMembersWithBallots, type Copy } from '../helpers/timingAttack.js';
import type { Sql } from '../../shared/common/db/index.js';

type Voter = { subject: string; receipt: string };
type Scenario = { name: string; election: string; voters: Voter[]; openedAt: number };

const options = ['north', 'south', 'east'].map((id) => ({ id, label: id }));
const members = Array.from({ length: 40 }, (_, i) => `voter-${String(i + 1).padStart(2, '0')}`);
let root: string;
let primary: PgServer;
let h: Harness;
let copies: Copy[] = [];
const restored: PgServer[] = [];
const scenarios: Scenario[] = [];
let commits: Map<string, number>;
let sealStartedAt: number;

const nowMicros = () => Date.now() * 1000;
const shuffled = <T>(xs: T[]) =>
  xs
    .map((x) => [randomInt(1 << 30), x] as const)
    .sort((a, b) => a[0] - b[0])
    .map((p) => p[1]);

/** A member's page learns of the open election, fetches the token, and the member casts. */
async function vote(election: string, subject: string): Promise<Voter> {
  const { token, receipt } = await tokenFor(h, 'hall', election, subject);
  const choice = options[randomInt(options.length)]!.id;
  const cast = await h.vote('POST', `/v1/elections/${election}/ballots`, { auth: token, body: { choices: [choice] } });
  assert.equal(cast.status, 201);
  return { subject, receipt };
}

async function openScenario(name: string): Promise<Scenario> {
  const election = await seedElection(h, 'hall', { title: name, kind: 'single', options });
  await openElection(h, 'hall', election);
  const scenario = { name, election, voters: [], openedAt: nowMicros() };
  scenarios.push(scenario);
  return scenario;
}

before(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-pitr-'));
  chmodSync(root, 0o755);
  const archiving = await startArchivingServer(root);
  primary = archiving.server;
  const db = await createTestDb({ server: urlFor(primary.url, 'postgres'), template: null });
  await migrateDatabase(db.url());
  h = await startHarness({ db });
  await seedOrg(
    h,
    'hall',
    members.map((subject) => ({ subject })),
  );
  const order = shuffled(members);

  const a = await openScenario('one after another');
  for (const subject of order.slice(0, 10)) a.voters.push(await vote(a.election, subject));

  const b = await openScenario('several at once');
  const backup = baseBackup(primary, path.join(root, 'backup'));
  const rest = order.slice(10);
  while (rest.length) {
    const group = rest.splice(0, 1 + randomInt(6));
    b.voters.push(...(await Promise.all(group.map((subject) => vote(b.election, subject)))));
  }
  await backup;

  sealStartedAt = nowMicros();
  for (const s of scenarios) {
    const closed = await h.call('POST', `/v1/orgs/hall/elections/${s.election}/close`, { auth: await h.jwt('alice') });
    assert.equal(closed.status, 200);
  }
  await archiveEverything(h.db.admin, archiving.archiveDir);
  commits = await commitTimes(archiving.archiveDir);

  // The operator's copies: as the backup ended, and just before the seal; then the sealed database itself.
  for (const [dir, target] of [
    ['at-backup', 'immediate'],
    ['before-seal', new Date(sealStartedAt / 1000)],
  ] as const) {
    const copy = await restore(path.join(root, 'backup'), archiving.archiveDir, path.join(root, dir), target);
    restored.push(copy.server);
    copies.push(copy.admin(db.name));
  }
  copies.push(superuser(db.url()));
});

after(async () => {
  await Promise.all(copies.map((c) => (c as Sql).end()));
  await h.close();
  for (const server of [...restored, primary]) await server.stop();
  if (!process.env.KEEP) rmSync(root, { recursive: true, force: true });
});

test('the operator restored the vote: every ballot and every member as the WAL dated them', async () => {
  assert.ok(commits.size > 100, `the WAL gives commit times (${commits.size} transactions)`);
  for (const s of scenarios) {
    const n = await countRows(copies[1]!)`ballot_box.ballots where election_id = ${s.election}`;
    assert.equal(n, s.voters.length, `${s.name}: the restore before the seal holds every ballot`);
  }
});

for (const name of ['one after another', 'several at once']) {
  test(`${name}: a sealed database, a backup taken during the vote and the WAL link no voter beyond chance`, async () => {
    const s = scenarios.find((x) => x.name === name)!;
    const subjects = s.voters.map((v) => v.subject);
    const others = scenarios.filter((x) => x !== s).map((x) => x.election);
    const evidence = await gatherEvidence(copies, commits, { id: s.election, others }, subjects, {
      from: s.openedAt - 5_000_000,
      to: sealStartedAt,
    });
    assert.equal(evidence.ballotTimes.size, s.voters.length, 'the attack dates every ballot');
    const pairs = pairMembersWithBallots(
      evidence,
      subjects,
      s.voters.map((v) => v.receipt),
    );
    const linked = s.voters.filter((v) => pairs.get(v.subject) === v.receipt).length;
    const { expected, bound } = chanceBound(s.voters.length);
    console.log(
      `${name}: linked ${linked} of ${s.voters.length} voters (a random guess: ${expected} on average, ` +
        `at most ${bound} with p > 1e-3); ${evidence.memberTimes.size} members dated by a write during the vote`,
    );
    assert.ok(linked <= bound, `the operator linked ${linked} of ${s.voters.length} voters; chance allows ${bound}`);
  });
}
