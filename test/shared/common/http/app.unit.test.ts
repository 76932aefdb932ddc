/** The app factory every function shares: ids, logs, limits, errors, health, and the deploy shape. */
import { test } from 'node:test';
import * as v from 'valibot';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import {
  createApp,
  ApiError,
  maxBodyBytes,
  readJson,
  readText,
  serveBare,
  type ErrorBody,
} from '../../../../shared/common/http/index.js';
import { registerFunction } from '../../../../shared/common/http/register.js';
import { createLogger } from '../../../../shared/common/log.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', project: 'proj-1' }, 'test', stream) };
}

function testApp(healthy = true) {
  const { lines, log } = capture();
  const app = createApp({ log, project: 'proj-1', health: async () => ({ ok: healthy }) });
  app.post('/echo', async (c) => c.json({ got: (await readText(c)).length }));
  app.get('/boom', () => {
    throw new Error('secret internals');
  });
  app.get('/busy', () => {
    throw new ApiError('busy', 'try again');
  });
  app.get('/long-line', () => {
    throw new ApiError('overloaded', 'too many at once', 7);
  });
  return { app, lines };
}

test('a well-formed request id is kept, anything else replaced by a fresh one', async () => {
  const { app } = testApp();
  const kept = await app.request('/healthz', { headers: { 'x-request-id': 'req-12345678' } });
  assert.equal(kept.headers.get('x-request-id'), 'req-12345678');
  const replaced = await app.request('/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
  assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('log lines have Cloud Logging fields, the trace from traceparent or X-Cloud-Trace-Context', async () => {
  const { app, lines } = testApp();
  const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
  await app.request('/healthz', {
    headers: { traceparent: `00-${trace}-00f067aa0ba902b7-01`, 'x-request-id': 'req-trace-1' },
  });
  await app.request('/healthz', { headers: { 'x-cloud-trace-context': `${trace}/123;o=1` } });
  const [w3c, google] = lines;
  assert.equal(w3c?.severity, 'INFO');
  assert.equal(w3c?.message, 'request');
  assert.equal(w3c?.requestId, 'req-trace-1');
  assert.equal(w3c?.['logging.googleapis.com/trace'], `projects/proj-1/traces/${trace}`);
  assert.equal(w3c?.['logging.googleapis.com/spanId'], '00f067aa0ba902b7');
  assert.equal(w3c?.route, '/healthz');
  assert.equal(typeof w3c?.latencyMs, 'number');
  assert.equal(google?.['logging.googleapis.com/trace'], `projects/proj-1/traces/${trace}`);
});

test('an unexpected error is a 500 without internals, logged with its stack', async () => {
  const { app, lines } = testApp();
  const res = await app.request('/boom');
  assert.equal(res.status, 500);
  const body = (await res.json()) as ErrorBody;
  assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'requestId']);
  assert.equal(body.code, 'internal');
  assert.doesNotMatch(JSON.stringify(body), /secret internals/);
  const logged = lines.find((l) => l.severity === 'ERROR');
  assert.match(JSON.stringify(logged), /secret internals/);
});

test('Retry-After travels with 423/503 errors; unknown routes are 404 in the error shape', async () => {
  const { app } = testApp();
  const busy = await app.request('/busy');
  assert.equal(busy.status, 423);
  assert.equal(busy.headers.get('retry-after'), '1');
  const long = await app.request('/long-line');
  assert.equal(long.status, 503);
  assert.equal(long.headers.get('retry-after'), '7', "a refusal that knows its line's length says so");
  const missing = await app.request('/nope');
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as ErrorBody).code, 'not_found');
});

test('health is 200 when the database answers, and 503 as every 503 is when it does not: Retry-After, the error shape', async () => {
  assert.equal((await testApp(true).app.request('/healthz')).status, 200);
  const down = await testApp(false).app.request('/healthz');
  assert.equal(down.status, 503);
  assert.equal(down.headers.get('retry-after'), '2');
  const body = (await down.json()) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'requestId']);
  assert.equal(body.code, 'unavailable');
});

test("accessLog 'failures' logs failed requests only", async () => {
  const { lines, log } = capture();
  const app = createApp({ log, health: async () => ({ ok: true }), accessLog: 'failures' });
  await app.request('/healthz');
  assert.equal(lines.length, 0);
  await app.request('/missing');
  assert.equal(lines.length, 1);
  assert.equal(lines[0]?.status, 404);
});

test('a quiet route logs its failures only; the other routes log everything', async () => {
  const { lines, log } = capture();
  const app = createApp({ log, health: async () => ({ ok: true }), quietRoutes: ['/v1/things/:id'] });
  app.get('/v1/things/:id', (c) => (c.req.param('id') === 'bad' ? c.json({}, 404) : c.json({ ok: true })));
  await app.request('/v1/things/good');
  assert.equal(lines.length, 0);
  await app.request('/v1/things/bad');
  await app.request('/healthz');
  assert.deepEqual(
    lines.map((l) => [l.route, l.status]),
    [
      ['/v1/things/:id', 404],
      ['/healthz', 200],
    ],
  );
});

/**
 * The HTTP errors in both serving modes, over real sockets: served bare
 * (@hono/node-server) and in the deploy shape (registered on
 * functions-framework), every error is the contract's JSON with a request id,
 * and functions-framework reads no body before the app does.
 */
async function serve(mode: 'bare' | 'framework', app: ReturnType<typeof testApp>['app']) {
  if (mode === 'bare') return serveBare(app, 0);
  const target = `modes-${Math.random().toString(36).slice(2)}`;
  registerFunction(target, app);
  const server = getTestServer(target) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = { 'content-type': 'application/json' };
const stream = (chunks: number, size: number) =>
  new ReadableStream({
    start(controller) {
      for (let i = 0; i < chunks; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(size)));
      controller.close();
    },
  });

for (const mode of ['bare', 'framework'] as const) {
  test(`${mode}: errors are the contract's JSON with x-request-id; bodies stop at 64 KiB, declared or chunked`, async () => {
    const { app } = testApp();
    app.post('/json', async (c) => c.json({ got: await readJson(c, v.unknown()) }));
    app.post('/unparsed', (c) => {
      const incoming = (c.env as { incoming?: { rawBody?: Buffer } } | undefined)?.incoming;
      return c.json({ rawBody: incoming?.rawBody !== undefined });
    });
    const served = await serve(mode, app);
    const expectError = async (res: Response, status: number, code: string, what: string) => {
      assert.equal(res.status, status, what);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/, what);
      const body = (await res.json()) as ErrorBody;
      assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'requestId'], what);
      assert.equal(body.code, code, what);
      assert.equal(body.requestId, res.headers.get('x-request-id'), what);
      assert.doesNotMatch(JSON.stringify(body), /node_modules|at \w+ \(/, what);
    };
    try {
      const ok = await fetch(`${served.url}/echo`, { method: 'POST', body: 'x'.repeat(maxBodyBytes), headers: json });
      assert.equal(ok.status, 200);
      const post = (body: string | ReadableStream, headers: Record<string, string> = json) =>
        fetch(`${served.url}/json`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
      await expectError(await post('{"a":'), 400, 'invalid_json', 'malformed JSON');
      await expectError(
        await post(`{"a":"${'x'.repeat(maxBodyBytes)}`),
        413,
        'payload_too_large',
        'a large malformed body',
      );
      await expectError(await post('x'.repeat(maxBodyBytes + 1)), 413, 'payload_too_large', 'declared over 64 KiB');
      await expectError(await post(stream(5, maxBodyBytes / 4)), 413, 'payload_too_large', 'chunked over 64 KiB');
      await expectError(await post(stream(64, 128 * 1024)), 413, 'payload_too_large', 'chunked 8 MiB');
      await expectError(
        await post('hello', { 'content-type': 'text/plain' }),
        415,
        'unsupported_media_type',
        'text/plain',
      );
      await expectError(
        await post('a=1', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'unsupported_media_type',
        'a form',
      );
      await expectError(await fetch(`${served.url}/boom`), 500, 'internal', 'an unexpected error');
      const busy = await fetch(`${served.url}/busy`);
      assert.equal(busy.headers.get('retry-after'), '1');
      await expectError(busy, 423, 'busy', 'Retry-After travels with 423');
      await expectError(await fetch(`${served.url}/nope`), 404, 'not_found', 'an unknown route');
      const unparsed = await fetch(`${served.url}/unparsed`, { method: 'POST', body: '{"a":1}', headers: json });
      assert.deepEqual(await unparsed.json(), { rawBody: false }, 'nothing parsed or buffered the body before the app');
    } finally {
      await served.close();
    }
  });
}

test('every answer carries nosniff, no framing and no referrer; HSTS only behind TLS', async () => {
  const { app } = testApp();
  const answers = [
    await app.request('/healthz'),
    await app.request('/nowhere'),
    await app.request('/boom'),
    await app.request('/busy'),
    await app.request('/echo', { method: 'POST', body: 'x'.repeat(maxBodyBytes + 1) }),
    await testApp(false).app.request('/healthz'),
  ];
  for (const res of answers) {
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', String(res.status));
    assert.equal(res.headers.get('x-frame-options'), 'DENY', String(res.status));
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('strict-transport-security'), null, 'not over plain HTTP');
  }
  const tls = await app.request('/healthz', { headers: { 'x-forwarded-proto': 'https' } });
  assert.equal(tls.headers.get('strict-transport-security'), 'max-age=31536000');
});
