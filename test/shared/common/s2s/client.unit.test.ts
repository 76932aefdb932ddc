/** The S2S client against a scripted failing peer: retries, timeouts, the breaker (injected clock, no sleeps). */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  Breaker,
  createS2SClient,
  parseMasterKeys,
  s2sHeaders,
  S2SUnavailableError,
} from '../../../../shared/common/s2s/index.js';
import { freePort } from '../../../../local/processes/freePort.js';

const secret = () => randomBytes(32).toString('base64url');

describe('the client against a failing peer', () => {
  type Script = (req: IncomingMessage, n: number) => { status: number; body?: unknown } | 'hang';
  let server: Server;
  let url: string;
  let script: Script;
  let seen: { key: string | undefined; signature: string | undefined }[] = [];
  const keys = parseMasterKeys(`k1:${secret()}`);
  before(async () => {
    server = createServer((req, res) => {
      seen.push({
        key: req.headers['idempotency-key'] as string,
        signature: req.headers[s2sHeaders.signature] as string,
      });
      const answer = script(req, seen.length);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );

  let clock = 0;
  const client = (o: { breaker?: Breaker; baseUrl?: string; timeoutMs?: number } = {}) =>
    createS2SClient({
      baseUrl: o.baseUrl ?? url,
      keys,
      signingKeyId: 'k1',
      timeoutMs: o.timeoutMs ?? 1200,
      retries: 2,
      breaker: o.breaker ?? new Breaker(5, 2000, () => clock),
      random: () => 0,
    });
  const call = (c: ReturnType<typeof client>) => c.request('acme', 'POST', '/v1/s2s/orgs/acme/x', {}, 'idem-1');
  const reset = (s: Script) => {
    seen = [];
    script = s;
  };

  test('5xx then success: retried with the same Idempotency-Key, freshly signed', async () => {
    reset((_, n) => (n < 3 ? { status: 503 } : { status: 200, body: { ok: true } }));
    const res = await call(client());
    assert.deepEqual(res, { status: 200, body: { ok: true } });
    assert.equal(seen.length, 3);
    assert.deepEqual(new Set(seen.map((s) => s.key)), new Set(['idem-1']));
  });

  test('429 is retried; 4xx answers are not', async () => {
    reset((_, n) => (n === 1 ? { status: 429 } : { status: 201 }));
    assert.equal((await call(client())).status, 201);
    assert.equal(seen.length, 2);
    reset(() => ({ status: 409, body: { code: 'invalid_transition' } }));
    assert.equal((await call(client())).status, 409);
    assert.equal(seen.length, 1);
  });

  test('three failures in a row: unavailable, after exactly 1 + 2 attempts', async () => {
    reset(() => ({ status: 500 }));
    await assert.rejects(call(client()), S2SUnavailableError);
    assert.equal(seen.length, 3);
  });

  test('a peer that never answers is abandoned at the timeout, each attempt', async () => {
    reset(() => 'hang');
    await assert.rejects(call(client({ timeoutMs: 50 })), S2SUnavailableError);
    assert.equal(seen.length, 3);
  });

  test('network errors are retried', async () => {
    const closedPort = await freePort();
    const breaker = new Breaker(10, 2000, () => clock);
    await assert.rejects(call(client({ baseUrl: `http://127.0.0.1:${closedPort}`, breaker })), S2SUnavailableError);
    assert.equal(breaker.state, 'closed', 'three failures stay under this breaker threshold');
  });

  test('the breaker opens after consecutive failures, fails fast for 2 s, then lets one trial through', async () => {
    clock = 0;
    const breaker = new Breaker(5, 2000, () => clock);
    const c = client({ breaker });
    reset(() => ({ status: 503 }));
    await assert.rejects(call(c), S2SUnavailableError); // 3 failures
    await assert.rejects(call(c), S2SUnavailableError); // 5 failures: open
    const attempts = seen.length;
    assert.equal(attempts, 5);
    assert.equal(breaker.state, 'open');
    await assert.rejects(call(c), /circuit open/);
    assert.equal(seen.length, attempts, 'an open circuit does not reach the peer');
    clock += 2000;
    assert.equal(breaker.state, 'half_open');
    reset(() => ({ status: 200 }));
    assert.equal((await call(c)).status, 200);
    assert.equal(seen.length, 1);
    assert.equal(breaker.state, 'closed');
  });

  test('a failed half-open trial opens the circuit again', async () => {
    clock = 0;
    const breaker = new Breaker(1, 2000, () => clock);
    breaker.failure();
    clock += 2000;
    reset(() => ({ status: 503 }));
    await assert.rejects(call(client({ breaker })), S2SUnavailableError);
    assert.equal(seen.length, 1, 'only the trial reached the peer');
    assert.equal(breaker.state, 'open');
  });
});
