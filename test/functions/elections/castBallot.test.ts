import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import {
  startHarness,
  seedOrg,
  seedElection,
  openElection,
  tokenFor,
  type Harness,
  seedOpenChoice,
} from '../../helpers/harness.js';
import type { CastBallotResponse } from '../../../schemas/api.js';

let h: Harness;
let single: string;
let multi: string;
let draft: string;
const voters = Array.from({ length: 12 }, (_, i) => `v${i}`);
before(async () => {
  h = await startHarness();
  await seedOrg(
    h,
    'acme',
    voters.map((subject) => ({ subject })),
  );
  await seedOrg(h, 'other', [{ subject: 'olga' }]);
  single = await seedElection(h, 'acme', {
    title: 'Chair',
    kind: 'single',
    options: [
      { id: 'ann', label: 'Ann' },
      { id: 'ben', label: 'Ben' },
    ],
  });
  multi = await seedElection(h, 'acme', {
    title: 'Board',
    kind: 'multi',
    options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id })),
    maxChoices: 2,
  });
  draft = await seedElection(h, 'acme');
  await openElection(h, 'acme', single);
  await openElection(h, 'acme', multi);
});
after(() => h.close());

/** An open single-choice election of its own, for a test that counts what the database holds. */
async function ownElection(): Promise<string> {
  return seedOpenChoice(h, 'acme', 'Own', ['ann', 'ben']);
}

const cast = (election: string, token: string, choices: unknown) =>
  h.vote<CastBallotResponse>('POST', `/v1/elections/${election}/ballots`, { auth: token, body: { choices } });
const ballots = async (election: string) =>
  (
    await h.db.admin`select receipt, choices from ballot_box.ballots where election_id = ${election} order by receipt`
  ).map((r) => ({ ...r }));

describe('casting happy', () => {
  test('201 with the receipt the voter can compute; the ballot and the spent token are in the database', async () => {
    const own = await ownElection();
    const { token, receipt } = await tokenFor(h, 'acme', own, 'v0');
    assert.equal(receipt, receiptFor(token));
    const res = await cast(own, token, ['ben']);
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), { receipt, status: 'counted' });
    assert.deepEqual(await ballots(own), [{ receipt, choices: ['ben'] }]);
    const [spent] = await h.db.admin`select used from ballot_box.tokens where token_hash = ${tokenHash(token)}`;
    assert.equal(spent?.used, true);
  });

  test('an identical retry is 200 with the same receipt; still one ballot', async () => {
    const { token, receipt } = await tokenFor(h, 'acme', single, 'v1');
    assert.equal((await cast(single, token, ['ann'])).status, 201);
    const again = await cast(single, token, ['ann']);
    assert.equal(again.status, 200);
    assert.equal((await again.json()).receipt, receipt);
    assert.equal((await ballots(single)).filter((b) => b.receipt === receipt).length, 1);
  });

  test('multi: choices in any order are stored in option order, and a reordered retry is identical', async () => {
    const { token, receipt } = await tokenFor(h, 'acme', multi, 'v2');
    assert.equal((await cast(multi, token, ['c', 'a'])).status, 201);
    assert.equal((await cast(multi, token, ['a', 'c'])).status, 200);
    assert.deepEqual((await ballots(multi)).find((b) => b.receipt === receipt)?.choices, ['a', 'c']);
  });

  test('receipts and turnout can be read by anyone', async () => {
    const own = await ownElection();
    const { token, receipt } = await tokenFor(h, 'acme', own, 'v1');
    assert.equal((await cast(own, token, ['ann'])).status, 201);
    const found = await h.vote('GET', `/v1/elections/${own}/receipts/${receipt}`);
    assert.equal(found.status, 200);
    assert.deepEqual(await found.json(), { status: 'counted' });
    const unknown = await h.vote('GET', `/v1/elections/${own}/receipts/${receiptFor('x'.repeat(43))}`);
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).code, 'unknown_receipt');
    const turnout = await h.vote('GET', `/v1/elections/${own}/turnout`);
    const [{ eligible }] = (await h.db.admin`
      select count(*)::int as eligible from ballot_box.tokens where election_id = ${own}`) as unknown as [
      { eligible: number },
    ];
    assert.deepEqual(await turnout.json(), { status: 'open', ballotsCast: 1, eligible });
  });
});

describe('casting errors', () => {
  test('other choices with a spent token are 409 already_voted and change nothing', async () => {
    const { token, receipt } = await tokenFor(h, 'acme', single, 'v3');
    await cast(single, token, ['ann']);
    const res = await cast(single, token, ['ben']);
    assert.equal(res.status, 409);
    assert.equal((await res.json()).code, 'already_voted');
    assert.deepEqual((await ballots(single)).find((b) => b.receipt === receipt)?.choices, ['ann']);
  });

  const invalid: [string, () => string, unknown][] = [
    ['an unknown option', () => single, ['carl']],
    ['two choices in a single election', () => single, ['ann', 'ben']],
    ['no choice', () => single, []],
    ['more than maxChoices', () => multi, ['a', 'b', 'c']],
    ['a repeated option', () => multi, ['a', 'a']],
  ];
  for (const [name, election, choices] of invalid) {
    test(`400 invalid_choices for ${name}, and the token stays unspent`, async () => {
      const { token } = await tokenFor(h, 'acme', election(), 'v4');
      const res = await cast(election(), token, choices);
      assert.equal(res.status, 400);
      assert.equal((await res.json()).code, 'invalid_choices');
      assert.equal(
        (await ballots(election())).some((b) => b.receipt === receiptFor(token)),
        false,
      );
    });
  }

  test('malformed bodies are 400', async () => {
    const { token } = await tokenFor(h, 'acme', single, 'v5');
    assert.equal((await h.vote('POST', `/v1/elections/${single}/ballots`, { auth: token, raw: '{' })).status, 400);
    assert.equal(
      (
        await h.vote('POST', `/v1/elections/${single}/ballots`, {
          auth: token,
          body: { choices: ['ann'], voter: 'v5' },
        })
      ).status,
      400,
    );
    assert.equal((await cast(single, token, 'ann')).status, 400);
  });

  test('a missing, malformed or unknown token is 401 invalid_token', async () => {
    assert.equal((await h.vote('POST', `/v1/elections/${single}/ballots`, { body: { choices: ['ann'] } })).status, 401);
    assert.equal((await cast(single, 'short', ['ann'])).status, 401);
    const unknown = await cast(single, 'A'.repeat(43), ['ann']);
    assert.equal(unknown.status, 401);
    assert.equal((await unknown.json()).code, 'invalid_token');
  });

  test('an unknown election is 404; a draft is 409 election_not_open', async () => {
    const { token } = await tokenFor(h, 'acme', draft, 'v6');
    const unknown = await cast('00000000-0000-4000-8000-000000000000', token, ['yes']);
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).code, 'unknown_election');
    assert.equal((await cast('not-a-uuid', token, ['yes'])).status, 404);
    const notOpen = await cast(draft, token, ['yes']);
    assert.equal(notOpen.status, 409);
    assert.equal((await notOpen.json()).code, 'election_not_open');
    assert.deepEqual(await ballots(draft), []);
  });
});

describe('casting security', () => {
  test('a token of one election cannot vote in another, even of the same org', async () => {
    const { token } = await tokenFor(h, 'acme', multi, 'v7');
    const res = await cast(single, token, ['ann']);
    assert.equal(res.status, 401);
    assert.equal(
      (await ballots(single)).some((b) => b.receipt === receiptFor(token)),
      false,
    );
  });
});
