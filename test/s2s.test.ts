/** S2S: signatures, replay, rotation, idempotency, and the client against a failing peer. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  Breaker,
  createS2SClient,
  parseMasterKeys,
  sign,
  verify,
  s2sHeaders,
  S2SUnavailableError,
} from '../shared/common/s2s/index.js';
import { freePort } from '../local/freePort.js';
import { startEventsHarness, seedOrg, seedElection, type EventsHarness } from './helpers/events.js';

const secret = () => randomBytes(32).toString('base64url');

describe('signatures', () => {
  const keys = parseMasterKeys(`old:${secret()},new:${secret()}`);
  const req = { method: 'POST', path: '/v1/s2s/orgs/acme/elections/e1/open', body: '{}', idempotencyKey: 'open:e1' };
  const now = 1_800_000_000;
  const signed = (keyId: string, at = now, orgId = 'acme') => {
    const h = sign(req, orgId, keyId, keys.get(keyId) ?? Buffer.alloc(32), at);
    return {
      ...req,
      orgId: 'acme',
      keyId: h[s2sHeaders.keyId],
      timestamp: h[s2sHeaders.timestamp],
      signature: h[s2sHeaders.signature],
    };
  };

  test('both keys of a rotation are accepted', () => {
    assert.equal(verify(signed('old'), keys, now, 60), undefined);
    assert.equal(verify(signed('new'), keys, now, 60), undefined);
  });

  const refused: [string, () => Parameters<typeof verify>[0], RegExp][] = [
    ['a retired key', () => signed('old'), /unknown key id/],
    ['a tampered body', () => ({ ...signed('new'), body: '{"x":1}' }), /signature mismatch/],
    ['another path', () => ({ ...signed('new'), path: '/v1/s2s/orgs/acme/elections/e1/close' }), /signature mismatch/],
    ['another org', () => signed('new', now, 'evil'), /signature mismatch/],
    ['another idempotency key', () => ({ ...signed('new'), idempotencyKey: 'open:e2' }), /signature mismatch/],
    ['a timestamp outside the replay window', () => signed('new', now - 61), /replay window/],
    ['a timestamp from the future', () => signed('new', now + 61), /replay window/],
    ['no signature', () => ({ ...signed('new'), signature: undefined }), /signature mismatch/],
  ];
  for (const [name, input, reason] of refused) {
    test(`refused: ${name}`, () => {
      const afterRotation =
        name === 'a retired key' ? parseMasterKeys(`new:${keys.get('new')!.toString('base64url')}`) : keys;
      assert.match(verify(input(), afterRotation, now, 60) ?? 'accepted', reason);
    });
  }

  test('key settings are checked', () => {
    assert.throws(() => parseMasterKeys('k1:short'), /at least 32 bytes/);
    assert.throws(() => parseMasterKeys(`a:${secret()},b:${secret()},c:${secret()}`), /one or two keys/);
    assert.throws(() => parseMasterKeys(`a:${secret()},a:${secret()}`), /twice/);
  });
});

describe('the elections function refuses bad signatures and answers each Idempotency-Key once', () => {
  let h: EventsHarness;
  let election: string;
  before(async () => {
    h = await startEventsHarness();
    await seedOrg(h, 'acme');
    election = await seedElection(h, 'acme');
  });
  after(() => h.close());

  const send = (path: string, body: string, key: string, o: { keyId?: string; master?: Buffer; at?: number } = {}) => {
    const keys = parseMasterKeys(h.s2sKeys);
    const headers = sign(
      { method: 'POST', path, body, idempotencyKey: key },
      'acme',
      o.keyId ?? 'k1',
      o.master ?? keys.get('k1')!,
      o.at ?? Math.floor(Date.now() / 1000),
    );
    return fetch(h.elections.url + path, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    });
  };
  const status = async () =>
    (await h.db.admin`select status from ballot_box.elections where id = ${election}`)[0]?.status;

  test('unsigned, wrongly signed or stale requests are 401 bad_signature and change nothing', async () => {
    const path = `/v1/s2s/orgs/acme/elections/${election}/open`;
    const unsigned = await fetch(h.elections.url + path, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(unsigned.status, 401);
    assert.equal(((await unsigned.json()) as { code: string }).code, 'bad_signature');
    assert.equal((await send(path, '{}', 'k-a', { master: randomBytes(32) })).status, 401);
    assert.equal((await send(path, '{}', 'k-b', { at: Math.floor(Date.now() / 1000) - 3600 })).status, 401);
    assert.equal((await send(path, '{}', 'k-c', { keyId: 'k9' })).status, 401);
    assert.equal(await status(), 'draft');
  });

  test('a repeated request gets the stored answer; the same key on another request is 409', async () => {
    const path = `/v1/s2s/orgs/acme/elections/${election}/open`;
    const first = await Promise.all([send(path, '{}', 'open-once'), send(path, '{}', 'open-once')]);
    assert.deepEqual(
      first.map((r) => r.status),
      [200, 200],
    );
    assert.equal(await status(), 'open');
    const replay = await send(path, '{}', 'open-once');
    assert.equal(replay.status, 200, 'a replay inside the window is answered from the record, not re-run');
    const fresh = await send(path, '{}', 'open-twice');
    assert.equal(fresh.status, 409, 'a new key re-runs the change, which is now invalid');
    const misuse = await send(`/v1/s2s/orgs/acme/elections/${election}/close`, '{}', 'open-once');
    assert.equal(misuse.status, 409);
    assert.equal(((await misuse.json()) as { code: string }).code, 'idempotency_conflict');
    const [{ n }] = (await h.db
      .admin`select count(*)::int as n from ballot_box.s2s_requests where idempotency_key = 'open-once'`) as unknown as [
      { n: number },
    ];
    assert.equal(n, 1);
  });
});

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
