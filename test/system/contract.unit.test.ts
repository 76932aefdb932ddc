/**
 * The contract as code: every route of both functions has a contract with a
 * description, the OpenAPI documents generated from the contracts are the
 * ones served and committed, a known path asked with another method is 405,
 * and the checker every test's answers go through (test/helpers/contractCheck.ts)
 * catches an answer that leaves its documented shape. Runs without a database:
 * the apps are wired but never reach one.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { loadElectionsConfig, loadEventsConfig } from '../../shared/common/config/index.js';
import { contractProblem, defineRoute, type RouteContract } from '../../shared/common/http/contract.js';
import { wireEvents } from '../../functions/events/wiring.js';
import { wireElections } from '../../functions/elections/wiring.js';
import { apiDocuments, served } from '../../scripts/openapi/documents.js';
import { s2sHeaders } from '../../shared/common/s2s/index.js';

const s2sKeys = `k1:${'a'.repeat(43)}`;
const events = wireEvents(
  loadEventsConfig({
    DATABASE_URL: 'postgres://ekklesia_registry@127.0.0.1:1/none',
    JWT_ISSUER: 'https://id.example.org',
    JWT_AUDIENCE: 'ekklesia',
    JWKS_URL: 'https://id.example.org/jwks.json',
    OPERATOR_KEY: 'k'.repeat(32),
    ELECTIONS_URL: 'http://127.0.0.1:1',
    S2S_KEYS: s2sKeys,
    KMS_KEY: 'projects/p/locations/l/keyRings/r/cryptoKeys/k',
    LOG_LEVEL: 'silent',
  }),
);
const elections = wireElections(
  loadElectionsConfig({
    DATABASE_URL: 'postgres://ekklesia_ballot_box@127.0.0.1:1/none',
    S2S_KEYS: s2sKeys,
    LOG_LEVEL: 'silent',
  }),
);
after(async () => {
  await events.stop();
  await elections.stop();
});

const apps = { events: events.app, elections: elections.app };
const contractsOf = (fn: keyof typeof served) => served[fn].flatMap((d) => d.routes);

/** What a contract lacks for its documents to be useful: empty when it is complete. */
function gaps(route: RouteContract): string[] {
  const found: string[] = [];
  if (route.summary.trim().length < 5) found.push('no summary');
  if (route.description.trim().length < 20) found.push('no description');
  const inPath = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!).sort();
  if (
    inPath.join() !==
    Object.keys(route.params ?? {})
      .sort()
      .join()
  )
    found.push('path parameters without schemas');
  if (Object.keys(route.responses).length === 0) found.push('no documented answer');
  if (route.body && route.example === undefined) found.push('a body without an example');
  if (route.body && route.example !== undefined && !v.is(route.body, route.example))
    found.push('an example its own schema refuses');
  return found;
}

for (const fn of ['events', 'elections'] as const) {
  test(`${fn}: every registered route has a contract, and every contract a route`, () => {
    const registered = apps[fn].routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(
      registered.sort(),
      contractsOf(fn)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
  });

  test(`${fn}: every contract describes its route fully`, () => {
    const contracts = contractsOf(fn);
    assert.ok(contracts.length >= 8);
    for (const route of contracts) assert.deepEqual(gaps(route), [], `${route.method} ${route.path}`);
    const ids = contracts.map((r) => r.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
  });
}

test('the gaps check fails a contract without a description or with an example its schema refuses', () => {
  const bare = defineRoute({
    operationId: 'bare',
    method: 'POST',
    path: '/v1/things/:id',
    tag: 't',
    summary: 'A thing',
    description: '',
    access: 'public',
    body: v.strictObject({ n: v.number() }),
    example: { n: 'one' },
    responses: {},
    errors: [],
  });
  assert.deepEqual(gaps(bare), ['no description', 'no documented answer', 'an example its own schema refuses']);
  // A path parameter's schema comes from its name; a name with none is refused when the route is declared.
  assert.throws(
    () => defineRoute({ ...bare, operationId: 'unnamed', path: '/v1/things/:thing', params: undefined }),
    /no schema for path parameter thing/,
  );
  assert.deepEqual(gaps({ ...bare, path: '/v1/things/:id/:thing' }).includes('path parameters without schemas'), true);
});

test('the committed documents in docs/openapi/ are the generated ones (npm run openapi rewrites them)', () => {
  for (const [file, document] of Object.entries(apiDocuments())) {
    const committed: unknown = JSON.parse(readFileSync(new URL(`../../docs/openapi/${file}`, import.meta.url), 'utf8'));
    assert.deepEqual(committed, document, `docs/openapi/${file} is stale: run npm run openapi`);
  }
});

test('the served S2S document names every signed header a client must send, and a creation documents its key', async () => {
  const documents = apiDocuments() as Record<string, { paths: Record<string, Record<string, Operation>> }>;
  type Operation = { operationId: string; parameters: { name?: string; in?: string; required?: boolean }[] };
  const signed = Object.values(s2sHeaders).filter((h) => h !== s2sHeaders.signature && h !== s2sHeaders.traceparent);
  const s2sOperations = Object.entries(documents['s2s.json']!.paths)
    .filter(([path]) => path.startsWith('/v1/s2s/'))
    .flatMap(([, p]) => Object.values(p));
  assert.ok(s2sOperations.length >= 7);
  for (const op of s2sOperations) {
    const required = op.parameters.filter((p) => p.in === 'header' && p.required).map((p) => p.name!.toLowerCase());
    assert.deepEqual(required.sort(), [...signed].sort(), op.operationId);
    assert.ok(
      op.parameters.some((p) => p.name === s2sHeaders.traceparent && p.in === 'header' && p.required === false),
      `${op.operationId}: the optional, signed traceparent`,
    );
  }
  const events = Object.values(documents['events.json']!.paths).flatMap((p) => Object.values(p));
  for (const id of ['createMeeting', 'createElection']) {
    const op = events.find((o) => o.operationId === id)!;
    assert.ok(
      op.parameters.some((p) => p.name === 'Idempotency-Key' && p.in === 'header' && p.required === false),
      id,
    );
  }
});

test('each function serves its documents and browsable docs', async () => {
  const documents = apiDocuments();
  for (const [fn, path, file] of [
    ['events', '/openapi.json', 'events.json'],
    ['elections', '/openapi.json', 'elections.json'],
    ['elections', '/openapi/s2s.json', 's2s.json'],
  ] as const) {
    const res = await apps[fn].request(path);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), documents[file], `${fn} ${path}`);
  }
  for (const [fn, path, file] of [
    ['events', '/docs', 'events.json'],
    ['elections', '/docs', 'elections.json'],
    ['elections', '/docs/s2s', 's2s.json'],
  ] as const) {
    const res = await apps[fn].request(path);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const page = await res.text();
    const paths = Object.values(
      (documents[file] as { paths: Record<string, Record<string, { operationId: string }>> }).paths,
    );
    for (const op of paths.flatMap((p) => Object.values(p)))
      assert.ok(page.includes(`id="${op.operationId}"`), op.operationId);
    assert.doesNotMatch(page, /<script|https?:\/\/[^"<\s]*\.(js|css)/, 'the page loads nothing from elsewhere');
  }
});

test('a known path asked with another method is 405 with Allow; an unknown path is 404', async () => {
  const cases: [keyof typeof apps, string, string, string][] = [
    ['events', 'DELETE', '/v1/orgs', 'POST'],
    ['events', 'GET', '/v1/orgs/acme/members', 'PUT'],
    ['events', 'POST', '/healthz', 'GET, HEAD'],
    ['elections', 'GET', '/v1/elections/00000000-0000-4000-8000-000000000000/ballots', 'POST'],
  ];
  for (const [fn, method, path, allow] of cases) {
    const res = await apps[fn].request(path, { method });
    assert.equal(res.status, 405, `${method} ${path}`);
    assert.equal(res.headers.get('allow'), allow);
    assert.equal(((await res.json()) as { code: string }).code, 'method_not_allowed');
  }
  // On the S2S surface the signature comes first: an unsigned caller learns nothing, not even the methods.
  const s2s = await apps.elections.request('/v1/s2s/orgs/acme/elections/00000000-0000-4000-8000-000000000000', {
    method: 'DELETE',
  });
  assert.equal(s2s.status, 401);
  const missing = await apps.events.request('/v1/nowhere');
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { code: string }).code, 'not_found');
});

test('the answer checker refuses a body that leaves its shape, a code the route does not document, a status its code does not have', () => {
  const [route] = contractsOf('elections').filter((r) => r.operationId === 'castBallot');
  assert.ok(route);
  const receipt = 'r'.repeat(43);
  assert.equal(contractProblem(route, 201, { receipt, status: 'counted' }), undefined);
  assert.match(
    contractProblem(route, 201, { receipt, status: 'counted', extra: 1 }) ?? '',
    /leaves its documented shape/,
  );
  assert.match(
    contractProblem(route, 201, { receipt: 'short', status: 'counted' }) ?? '',
    /leaves its documented shape at "receipt"/,
  );
  assert.match(
    contractProblem(route, 409, { code: 'last_admin', message: 'm', requestId: 'r' }) ?? '',
    /not among the route's documented codes/,
  );
  assert.match(
    contractProblem(route, 400, { code: 'busy', message: 'm', requestId: 'r' }) ?? '',
    /busy came with 400, not 423/,
  );
  assert.match(contractProblem(route, 500, '<html>') ?? '', /neither a documented success nor the error shape/);
});
