/** The app factory every function shares: ids, logs, limits, errors, health, and the deploy shape. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Server } from 'node:http';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import {
  createApp,
  ApiError,
  maxBodyBytes,
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
  assert.equal(typeof w3c?.latency_ms, 'number');
  assert.equal(google?.['logging.googleapis.com/trace'], `projects/proj-1/traces/${trace}`);
});

test('bodies over 64 KiB are 413 in the error shape, declared or streamed', async () => {
  const { app } = testApp();
  const json = { 'content-type': 'application/json' };
  const ok = await app.request('/echo', { method: 'POST', body: 'x'.repeat(maxBodyBytes), headers: json });
  assert.equal(ok.status, 200);
  const served = await serveBare(app, 0);
  try {
    const declared = await fetch(`${served.url}/echo`, {
      method: 'POST',
      body: 'x'.repeat(maxBodyBytes + 1),
      headers: json,
    });
    assert.equal(declared.status, 413);
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(maxBodyBytes / 4)));
        controller.close();
      },
    });
    const streamed = await fetch(`${served.url}/echo`, {
      method: 'POST',
      body: chunks,
      headers: json,
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal(((await streamed.json()) as ErrorBody).code, 'payload_too_large');
  } finally {
    await served.close();
  }
  const tooBig = await app.request('/echo', { method: 'POST', body: 'x'.repeat(maxBodyBytes + 1), headers: json });
  assert.equal(tooBig.status, 413);
  const body = (await tooBig.json()) as ErrorBody;
  assert.equal(body.code, 'payload_too_large');
  assert.equal(body.requestId, tooBig.headers.get('x-request-id'));
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
  const missing = await app.request('/nope');
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as ErrorBody).code, 'not_found');
});

test('health is 200 when the database answers and 503 when it does not', async () => {
  assert.equal((await testApp(true).app.request('/healthz')).status, 200);
  const down = await testApp(false).app.request('/healthz');
  assert.equal(down.status, 503);
  assert.equal(((await down.json()) as { status: string }).status, 'unavailable');
});

test('the same app runs registered on functions-framework (the deploy shape)', async () => {
  const { app } = testApp();
  registerFunction('shape-test', app);
  const server = getTestServer('shape-test') as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      body: '{"a":12}',
      headers: { 'x-request-id': 'req-ff-0001', 'content-type': 'application/json' },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { got: 8 });
    assert.equal(res.headers.get('x-request-id'), 'req-ff-0001');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
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
