/**
 * route(): the contract does the parsing. A route gets its caller, params and body already checked, in that
 * order, and a handler that skips the deferred check of its caller is never answered for.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { createApp, ApiError } from '../../../../shared/common/http/index.js';
import { routesFor, type Deferred } from '../../../../shared/common/http/route.js';
import { createLogger } from '../../../../shared/common/log.js';
import { Uuid } from '../../../../schemas/common.js';

type Member = Deferred & { check(): void };
const route = routesFor<{ calls: string[] }, { public: Record<string, never>; member: Member }>({
  checks: {
    public: () => ({}),
    member: (c, deps) => {
      deps.calls.push('check');
      if (c.req.header('authorization') !== 'Bearer ok') throw new ApiError('unauthenticated', 'who are you');
      const caller = { checked: false, check: () => void (caller.checked = true) };
      return caller;
    },
  },
  malformed: { id: { code: 'unknown_election', message: 'unknown election' } },
});

const base = { tag: 't', summary: 's', description: 'd', errors: [] } as const;
const echo = route(
  {
    ...base,
    operationId: 'echo',
    method: 'POST',
    path: '/things/:id',
    access: 'member',
    body: v.strictObject({ n: v.number() }),
    responses: { 201: v.strictObject({ id: Uuid, twice: v.number() }) },
  },
  () =>
    async (_c, { params, body, caller }) => {
      caller.check();
      return { status: 201, body: { id: params.id, twice: body.n * 2 } };
    },
);
const forgetful = route(
  {
    ...base,
    operationId: 'forgetful',
    method: 'GET',
    path: '/things/:id',
    access: 'member',
    responses: { 200: v.strictObject({ id: Uuid }) },
  },
  () =>
    async (_c, { params }) => ({ status: 200, body: { id: params.id } }),
);

function app() {
  const deps = { calls: [] as string[] };
  const a = createApp({
    log: createLogger({ level: 'silent', project: undefined }, 'test'),
    health: async () => ({ ok: true }),
  });
  echo.register(a, deps);
  forgetful.register(a, deps);
  return { a, deps };
}

const id = '00000000-0000-4000-8000-000000000001';
const post = (a: ReturnType<typeof app>['a'], path: string, body: string, auth = 'Bearer ok') =>
  a.request(path, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body });

test('a request passes the caller check, then the params, then the body, and gets a typed answer', async () => {
  const { a } = app();
  const ok = await post(a, `/things/${id}`, '{"n":21}');
  assert.equal(ok.status, 201);
  assert.deepEqual(await ok.json(), { id, twice: 42 });
});

test('the caller is checked before anything else is read; a malformed param answers as the contract says', async () => {
  const { a, deps } = app();
  const cases: [string, string, string, number, string][] = [
    ['no caller, a bad id and a bad body', '/things/nope', '{', 401, 'unauthenticated'],
    ['a bad id and a bad body', '/things/nope', '{', 404, 'unknown_election'],
    ['a bad body', `/things/${id}`, '{"n":"x"}', 400, 'invalid_request'],
    ['an unknown field', `/things/${id}`, '{"n":1,"m":2}', 400, 'invalid_request'],
  ];
  for (const [what, path, body, status, code] of cases) {
    const res = await post(a, path, body, what.startsWith('no caller') ? 'Bearer no' : 'Bearer ok');
    assert.equal(res.status, status, what);
    assert.equal(((await res.json()) as { code: string }).code, code, what);
  }
  assert.equal(deps.calls.length, cases.length, 'every request met the check first');
});

test('a handler that never finishes its deferred caller check is not answered for (500, nothing leaks)', async () => {
  const { a } = app();
  const res = await a.request(`/things/${id}`, { headers: { authorization: 'Bearer ok' } });
  assert.equal(res.status, 500);
  assert.deepEqual(Object.keys((await res.json()) as object).sort(), ['code', 'message', 'requestId']);
});
