/**
 * Ballot secrecy (docs/secrecy.md), checked on what the database and the logs
 * hold after a full vote.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { tokenHash } from '../../shared/common/crypto/index.js';
import { linkMembersToChoices, snapshot, type Snapshot, type Unwrap } from '../helpers/linkAttack.js';
import { createElectionKeys } from '../../shared/registry/electionKeys.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../helpers/harness.js';

let h: Harness;
let election: string;
const subjects = ['subject-zk-1', 'subject-zk-2', 'subject-zk-3', 'subject-zk-4'];
const options = [
  { id: 'option-zebra', label: 'Zebra' },
  { id: 'option-quokka', label: 'Quokka' },
];
let issued: { subject: string; token: string; receipt: string; choice: string }[] = [];
let secretBeforeSeal: Buffer;
let beforeSeal: { registry: string[]; ballotBox: string[] };
let attackBeforeSeal: Snapshot;
let attackAfterSeal: Snapshot;
let linkedBeforeSeal: Map<string, string[]>;
/** The operator's own KMS client: nothing cached, every unwrap asks KMS. */
const operatorUnwrap = (): Unwrap => {
  const operatorKeys = createElectionKeys(h.kmsConfig);
  return (w) => operatorKeys.unwrap(w.orgId, w.electionId, w);
};

async function dumpRows(schema: string): Promise<string[]> {
  const tables = await h.db.admin<{ name: string }[]>`
    select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE'`;
  const rows: string[] = [];
  for (const { name } of tables) {
    for (const r of await h.db.admin.unsafe(`select t::text as row from ${name} t`))
      rows.push(`${name} ${String(r.row)}`);
  }
  return rows;
}

function tokenMaterial(token: string): string[] {
  const hash = tokenHash(token);
  return [token, hash.toString('hex'), hash.toString('base64url'), hash.toString('base64')];
}

before(async () => {
  h = await startHarness();
  await seedOrg(
    h,
    'acme',
    subjects.map((subject) => ({ subject })),
  );
  election = await seedElection(h, 'acme', { title: 'Secret', kind: 'single', options });
  await openElection(h, 'acme', election);
  for (const [i, subject] of subjects.entries()) {
    const { token, receipt } = await tokenFor(h, 'acme', election, subject);
    const choice = options[i % 2]!.id;
    const res = await h.vote('POST', `/v1/elections/${election}/ballots`, { auth: token, body: { choices: [choice] } });
    assert.equal(res.status, 201);
    issued.push({ subject, token, receipt, choice });
  }
  secretBeforeSeal = await h.tokenSecretOf('acme', election);
  beforeSeal = { registry: await dumpRows('registry'), ballotBox: await dumpRows('ballot_box') };
  attackBeforeSeal = await snapshot(h.db.admin, election);
  // The control runs while voting does: the operator unwraps the stored key with KMS, as the registry can.
  linkedBeforeSeal = await linkMembersToChoices(attackBeforeSeal, subjects, operatorUnwrap());
  const closed = await h.call('POST', `/v1/orgs/acme/elections/${election}/close`, { auth: await h.jwt('alice') });
  assert.equal(closed.status, 200);
  attackAfterSeal = await snapshot(h.db.admin, election);
});
after(() => h.close());

test("a ballot row holds a random id, org, election, choices, receipt and (a weighted election's) units: nothing else", async () => {
  const columns = await h.db.admin`
    select column_name from information_schema.columns where table_schema = 'ballot_box' and table_name = 'ballots' order by ordinal_position`;
  assert.deepEqual(
    columns.map((c) => c.columnName),
    ['id', 'org_id', 'election_id', 'choices', 'receipt', 'units'],
  );
  const [defaults] = await h.db.admin`
    select column_default from information_schema.columns where table_schema = 'ballot_box' and table_name = 'ballots' and column_name = 'id'`;
  assert.equal(defaults?.columnDefault, 'gen_random_uuid()');
});

test('the registry never holds a token, its hash or a receipt, even while voting runs', () => {
  for (const { token, receipt } of issued) {
    for (const material of [...tokenMaterial(token), receipt]) {
      assert.equal(
        beforeSeal.registry.find((row) => row.includes(material)),
        undefined,
        'token material in the registry',
      );
    }
  }
});

test('the ballot box never holds a member identifier', () => {
  for (const { subject } of issued) {
    assert.equal(
      beforeSeal.ballotBox.find((row) => row.includes(subject)),
      undefined,
      `${subject} in the ballot box`,
    );
  }
});

test('no log line of the whole vote holds a token, a token hash, a member identifier next to ballot data, or a receipt with its choices', () => {
  assert.equal(
    h.logs.filter((l) => l.includes('"route":"/v1/elections/:id/ballots"')).length,
    issued.length,
    'every cast was logged',
  );
  for (const line of h.logs) {
    for (const { token, receipt, choice, subject } of issued) {
      for (const material of tokenMaterial(token))
        assert.ok(!line.includes(material), `token material logged: ${line}`);
      assert.ok(!line.includes(subject), `member identifier logged: ${line}`);
      assert.ok(!(line.includes(receipt) && line.includes(choice)), `receipt with choices logged: ${line}`);
    }
  }
});

test('after sealing, no column of any table holds token material or the election secret', async () => {
  const rows = [
    ...(await dumpRows('registry')),
    ...(await dumpRows('ballot_box')),
    ...(await dumpRows('ekklesia_meta')),
  ];
  assert.ok(
    rows.some((r) => r.includes(issued[0]!.receipt)),
    'the scan sees the ballots',
  );
  for (const { token } of issued) {
    for (const material of tokenMaterial(token))
      assert.equal(
        rows.find((row) => row.includes(material)),
        undefined,
      );
  }
  assert.equal(
    rows.find((row) => row.includes(secretBeforeSeal.toString('hex'))),
    undefined,
    'the election secret survives',
  );
});

test('after sealing, an operator with the database, a backup of it and KMS links no member to a choice; before it, the same attack links every one', async () => {
  const truth = new Map(issued.map((v) => [v.subject, [v.choice]]));
  const correct = (linked: Map<string, string[]>) =>
    [...linked].filter(([member, choices]) => truth.get(member)?.join() === choices.join()).length;
  const unwrap = operatorUnwrap();
  // The control: while voting runs, the wrapped secret unwraps and the tokens follow.
  assert.equal(attackBeforeSeal.wrapped.length, 1, 'the wrapped key is in the database before the seal');
  assert.equal(correct(linkedBeforeSeal), subjects.length, 'the attack works on an open election');
  assert.ok(attackBeforeSeal.tokens.length >= subjects.length && attackBeforeSeal.candidates.length > 0);
  // After the seal, with the wrapped key of a backup taken before it: its key version is destroyed.
  const withBackup = { ...attackAfterSeal, wrapped: [...attackAfterSeal.wrapped, ...attackBeforeSeal.wrapped] };
  const afterSeal = await linkMembersToChoices(withBackup, subjects, unwrap);
  assert.equal(attackAfterSeal.ballots.length, subjects.length, 'the attack sees every ballot');
  assert.deepEqual([...afterSeal.keys()], [], 'members linked to a choice after the seal');
  await assert.rejects(unwrap(attackBeforeSeal.wrapped[0]!), 'KMS refuses to unwrap the backup after the seal');
});
