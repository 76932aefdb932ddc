/**
 * The operator's attack of test/system/secrecy.test.ts with weights and a
 * proxy in play: a weighted election (bundles of several denominations)
 * where a holder casts a delegator's bundle with their own in one batch.
 * While it runs, the attack (every stored value tried as the token secret,
 * every bundle token derived, the wrapped key unwrapped with KMS,
 * transaction ids and physical order followed) links every member; after
 * the seal, with a backup taken before it, it links none.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { linkMembersToChoices, snapshot, type Snapshot, type Unwrap } from '../helpers/linkAttack.js';
import { createElectionKeys } from '../../shared/registry/electionKeys.js';
import { startHarness, seedOrg, seedElection, openElection, tokenFor, type Harness } from '../helpers/harness.js';

let h: Harness;
let election: string;
const weights: Record<string, number> = { 'w-holder': 12, 'w-delegator': 21, 'w-solo': 3, 'w-one': 1 };
const choice: Record<string, string> = { 'w-holder': 'yes', 'w-delegator': 'no', 'w-solo': 'abstain', 'w-one': 'no' };
let before_: Snapshot;
let after_: Snapshot;
let linkedBefore: Map<string, string[]>;
const unwrapper = (): Unwrap => {
  const keys = createElectionKeys(h.kmsConfig);
  return (w) => keys.unwrap(w.orgId, w.electionId, w);
};

before(async () => {
  h = await startHarness();
  await seedOrg(
    h,
    'wco',
    Object.entries(weights).map(([subject, weight]) => ({ subject, weight })),
  );
  const roster = await h.call('PUT', '/v1/orgs/wco/members', {
    auth: await h.jwt('alice'),
    body: { members: [{ subject: 'w-delegator', role: 'member', status: 'active', delegateTo: 'w-holder' }] },
  });
  assert.equal(roster.status, 200);
  election = await seedElection(h, 'wco', {
    title: 'Weighted secret',
    kind: 'yes_no_abstain',
    weights: { anonymityK: 1 },
  });
  await openElection(h, 'wco', election);
  const holder = await tokenFor(h, 'wco', election, 'w-holder');
  const held = holder.proxies![0]!;
  for (const [tokens, option] of [
    [holder.tokens!.map((t) => t.token), choice['w-holder']!],
    [held.tokens!.map((t) => t.token), choice['w-delegator']!],
  ] as const) {
    const cast = await h.vote('POST', `/v1/elections/${election}/ballots/batch`, {
      body: { tokens, choices: [option] },
    });
    assert.equal(cast.status, 201);
  }
  for (const subject of ['w-solo', 'w-one']) {
    const { tokens } = await tokenFor(h, 'wco', election, subject);
    const cast = await h.vote('POST', `/v1/elections/${election}/ballots/batch`, {
      body: { tokens: tokens!.map((t) => t.token), choices: [choice[subject]!] },
    });
    assert.equal(cast.status, 201);
  }
  before_ = await snapshot(h.db.admin, election);
  linkedBefore = await linkMembersToChoices(before_, Object.keys(weights), unwrapper(), 30);
  const closed = await h.call('POST', `/v1/orgs/wco/elections/${election}/close`, { auth: await h.jwt('alice') });
  assert.equal(closed.status, 200);
  after_ = await snapshot(h.db.admin, election);
});
after(() => h.close());

test('weights and a proxy: the attack links every member while the vote runs, and none after the seal', async () => {
  const right = (linked: Map<string, string[]>) =>
    [...linked].filter(([member, choices]) => choice[member] === choices.join()).length;
  assert.equal(right(linkedBefore), Object.keys(weights).length, 'the attack works on the open election');
  assert.ok(before_.ballots.length > Object.keys(weights).length, 'bundles: more ballots than members');
  const withBackup = { ...after_, wrapped: [...after_.wrapped, ...before_.wrapped] };
  const linkedAfter = await linkMembersToChoices(withBackup, Object.keys(weights), unwrapper(), 30);
  assert.equal(after_.ballots.length, before_.ballots.length, 'the attack sees every ballot');
  assert.deepEqual([...linkedAfter.keys()], [], 'members linked to a choice after the seal');
});
