/**
 * One security table for every route of both functions, run against the
 * real apps. The table is the routes' contracts (who may call each, a valid
 * body): every way of calling a route as someone else is refused with the
 * contract's code and changes nothing in the database. A route registered
 * without a contract fails the coverage test.
 *   - events routes: no credentials, a forged, expired, wrong-audience or
 *     wrong-issuer JWT → 401; someone of another org → 404 (also through
 *     their own org's path); a member on an admin route, an inactive member
 *     on a member route → 403;
 *   - ballots: no, malformed or unknown voting token → 401;
 *   - S2S: unsigned, signed with an unknown key, signed for another org → 401;
 *   - public reads need no credentials and reveal nothing of other elections.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { generateKeys } from '../../local/idp/devIdp.js';
import { parseMasterKeys, sign } from '../../shared/common/s2s/index.js';
import { eventsApi } from '../../functions/events/app.js';
import { electionsApi, s2sApi } from '../../functions/elections/app.js';
import type { RouteContract } from '../../shared/common/http/contract.js';
import { contractsOf } from '../helpers/contractCheck.js';
import { openElection, operatorKey, seedElection, seedOrg, startHarness, type Harness } from '../helpers/harness.js';

type Row = Pick<RouteContract, 'method' | 'path' | 'access' | 'example'> & { fn: 'events' | 'elections' };

/** Every route of both functions, as its contract describes it (who may call it, a valid body). */
const events: Row[] = contractsOf([eventsApi]).map((r) => ({ ...r, fn: 'events' }));
const elections: Row[] = contractsOf([electionsApi, s2sApi]).map((r) => ({ ...r, fn: 'elections' }));

let h: Harness;
let election: string;
before(async () => {
  h = await startHarness();
  await seedOrg(h, 'acme', [{ subject: 'bob' }, { subject: 'ina', status: 'inactive' }]);
  await seedOrg(h, 'other', [{ subject: 'olga', role: 'admin' }]);
  election = await seedElection(h, 'acme');
  await openElection(h, 'acme', election);
});
after(() => h.close());

const fill = (path: string, org = 'acme') =>
  path.replace(':org', org).replace(':id', election).replace(':receipt', randomBytes(32).toString('base64url'));

/** Every row of both schemas, hashed per table: a refused request must leave it as it was. */
async function databaseState(): Promise<Record<string, string>> {
  const tables = await h.db.admin<{ name: string }[]>`
    select schemaname || '.' || tablename as name from pg_tables where schemaname in ('registry', 'ballot_box') order by 1`;
  const state: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await h.db.admin.unsafe(
      `select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as h from ${name} t`,
    );
    state[name] = String(row?.h);
  }
  return state;
}

/** The same claims with the signature stripped and the algorithm set to none. */
function unsignedJwt(jwt: string): string {
  const [, payload] = jwt.split('.');
  return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
}

type Attempt = { who: string; status: number; code: string; send: () => Promise<Response> };

async function attempts(row: Row): Promise<Attempt[]> {
  const call = (path: string, auth?: string) => () =>
    h.call(row.method, path, {
      ...(auth ? { auth } : {}),
      ...(row.example === undefined ? {} : { body: row.example }),
    });
  const vote =
    (headers: Record<string, string>, path = fill(row.path)) =>
    () =>
      h.vote(row.method, path, { headers, ...(row.example === undefined ? {} : { body: row.example }) });
  const path = fill(row.path);
  if (row.access === 'operator') {
    return [
      { who: 'no credentials', status: 401, code: 'unauthenticated', send: call(path) },
      { who: 'a wrong operator key', status: 401, code: 'unauthenticated', send: call(path, `${operatorKey}x`) },
      { who: "an admin's JWT", status: 401, code: 'unauthenticated', send: call(path, await h.jwt('alice')) },
    ];
  }
  if (row.access === 'signedIn' || row.access === 'admin' || row.access === 'member' || row.access === 'voter') {
    const list: Attempt[] = [
      { who: 'no credentials', status: 401, code: 'unauthenticated', send: call(path) },
      {
        who: 'a forged JWT',
        status: 401,
        code: 'unauthenticated',
        send: call(path, await h.jwt('alice', { keys: await generateKeys() })),
      },
      {
        who: 'an expired JWT',
        status: 401,
        code: 'unauthenticated',
        send: call(path, await h.jwt('alice', { ttlSeconds: -60 })),
      },
      {
        who: 'a wrong-audience JWT',
        status: 401,
        code: 'unauthenticated',
        send: call(path, await h.jwt('alice', { audience: 'someone-else' })),
      },
      {
        who: 'a wrong-issuer JWT',
        status: 401,
        code: 'unauthenticated',
        send: call(path, await h.jwt('alice', { issuer: 'https://evil.example' })),
      },
      {
        who: 'an unsigned (alg none) JWT',
        status: 401,
        code: 'unauthenticated',
        send: call(path, unsignedJwt(await h.jwt('alice'))),
      },
      { who: 'not a JWT at all', status: 401, code: 'unauthenticated', send: call(path, 'abc') },
    ];
    // Any valid identity may ask a signedIn route about itself: only the identity checks above apply.
    if (row.access === 'signedIn') return list;
    list.push(
      { who: 'an admin of another org', status: 404, code: 'not_found', send: call(path, await h.jwt('olga')) },
      {
        who: 'an admin, for an org that does not exist',
        status: 404,
        code: 'not_found',
        send: call(fill(row.path, 'no-such-org'), await h.jwt('alice')),
      },
      {
        who: 'an inactive member',
        status: 403,
        code: row.access === 'voter' ? 'not_eligible' : 'forbidden',
        send: call(path, await h.jwt('ina')),
      },
    );
    if (row.path.includes(':id')) {
      list.push({
        who: 'another org, through its own path',
        status: 404,
        code: 'not_found',
        send: call(fill(row.path, 'other'), await h.jwt('olga')),
      });
    }
    if (row.access === 'admin')
      list.push({ who: 'a member', status: 403, code: 'forbidden', send: call(path, await h.jwt('bob')) });
    return list;
  }
  if (row.access === 'ballot') {
    return [
      { who: 'no token', status: 401, code: 'invalid_token', send: vote({}) },
      {
        who: 'a malformed token',
        status: 401,
        code: 'invalid_token',
        send: vote({ authorization: 'Bearer not-a-token' }),
      },
      {
        who: 'an unknown token',
        status: 401,
        code: 'invalid_token',
        send: vote({ authorization: `Bearer ${randomBytes(32).toString('base64url')}` }),
      },
    ];
  }
  if (row.access === 'ballots') {
    // The tokens are in the body: one nobody was issued refuses the whole batch, alone or beside a valid one.
    const batch = (tokens: string[]) => () =>
      h.vote(row.method, path, { body: { ...(row.example as object), tokens } });
    const unknown = () => randomBytes(32).toString('base64url');
    return [
      { who: 'an unknown token in the body', status: 401, code: 'invalid_token', send: batch([unknown()]) },
      { who: 'two unknown tokens', status: 401, code: 'invalid_token', send: batch([unknown(), unknown()]) },
      {
        who: "a voter's JWT as the token",
        status: 400,
        code: 'invalid_request',
        send: batch([await h.jwt('alice')]),
      },
    ];
  }
  if (row.access === 's2s') {
    const body = row.example === undefined ? '' : JSON.stringify(row.example);
    const signed = (org: string, keyId: string, master: Buffer, target = path) =>
      sign(
        { method: row.method, path: new URL(target, 'http://x').pathname, body, idempotencyKey: 'sec-1' },
        org,
        keyId,
        master,
        Math.floor(Date.now() / 1000),
        Date.now() + 5000,
      );
    const master = parseMasterKeys(h.s2sKeys).get('k1')!;
    return [
      { who: 'an unsigned request', status: 401, code: 'bad_signature', send: vote({}) },
      { who: 'an unknown key', status: 401, code: 'bad_signature', send: vote(signed('acme', 'k9', randomBytes(32))) },
      {
        who: 'a forged signature',
        status: 401,
        code: 'bad_signature',
        send: vote(signed('acme', 'k1', randomBytes(32))),
      },
      {
        who: 'a signature for another org',
        status: 401,
        code: 'bad_signature',
        send: vote(signed('other', 'k1', master)),
      },
    ];
  }
  return [];
}

test('the table covers every route of both functions, and nothing else', () => {
  const routes = (app: Harness['app']) =>
    app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`)
      .sort();
  assert.deepEqual(routes(h.app), events.map((r) => `${r.method} ${r.path}`).sort());
  assert.deepEqual(routes(h.electionsApp), elections.map((r) => `${r.method} ${r.path}`).sort());
});

for (const row of [...events, ...elections]) {
  const title =
    row.access === 'public'
      ? 'needs no credentials and reveals nothing of an unknown election'
      : 'refused to everyone else, nothing written';
  test(`${row.method} ${row.path} (${row.access}): ${title}`, async () => {
    const before = await databaseState();
    const list = await attempts(row);
    if (row.access === 'public') {
      const send = (method: string, path: string) =>
        (row.fn === 'events' ? h.call : h.vote)(method, path, row.example === undefined ? {} : { body: row.example });
      const res = await send(row.method, fill(row.path));
      assert.notEqual(res.status, 401, 'public: no credentials needed');
      assert.notEqual(res.status, 403);
      if (row.path.includes(':id')) {
        const unknown = await send(
          row.method,
          row.path.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':receipt', 'x'.repeat(43)),
        );
        assert.equal(unknown.status, 404, 'an unknown election reveals nothing');
      }
    } else {
      assert.ok(list.length >= 3, 'each protected route is tried at least three ways');
    }
    for (const attempt of list) {
      const res = await attempt.send();
      const body = (await res.json()) as { code?: string };
      assert.deepEqual(
        { status: res.status, code: body.code },
        { status: attempt.status, code: attempt.code },
        attempt.who,
      );
    }
    assert.deepEqual(await databaseState(), before, 'a refused request changed the database');
  });
}
