/**
 * An answer the functions give before they read the request's body (413 for
 * a body over 64 KiB, declared or counted; 401 for a caller refused before a
 * byte of the body is read) reaches the client as that answer, not as a
 * reset connection: 100 times out of 100 (a 16 MiB upload 20 times), with
 * the machine loaded by two busy threads beside the server, whatever the
 * client: fetch, Node's own, or one that reads only after it sent the body.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { request } from 'node:http';
import { connect } from 'node:net';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let hogs: Worker[] = [];
before(async () => {
  h = await startHarness();
  // The machine loaded: two threads that never yield, beside the server's.
  hogs = [1, 2].map(() => new Worker('for (;;) {}', { eval: true }));
});
after(async () => {
  await Promise.all(hogs.map((w) => w.terminate()));
  await h.close();
});

const election = '00000000-0000-4000-8000-000000000000';
const kib = 1024;

/** `n` requests, ten at a time; the statuses they got, or what went wrong instead. */
async function send(n: number, request: () => Promise<Response>): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i += 10)
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const outcome = await request().then(
          async (res) => {
            await res.arrayBuffer();
            return String(res.status);
          },
          (err: Error) => `${err.message}: ${String((err.cause as Error | undefined)?.message ?? '')}`,
        );
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      }),
    );
  return seen;
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(h.elections.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

/** A body of `size` bytes sent in chunks, with no declared length (chunked transfer encoding). */
const chunked = (size: number) =>
  new ReadableStream({
    start(controller) {
      for (let sent = 0; sent < size; sent += 16 * kib) controller.enqueue(new Uint8Array(16 * kib).fill(32));
      controller.close();
    },
  });

/** A chunked body of `size` bytes sent slowly: 16 KiB every 20 ms, as a slow uplink sends it. */
const trickled = (size: number) => {
  let sent = 0;
  return new ReadableStream({
    async pull(controller) {
      if (sent >= size) return controller.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
      sent += 16 * kib;
      controller.enqueue(new Uint8Array(16 * kib).fill(32));
    },
  });
};

/**
 * Node's own client, as the attack suite and many integrations send: the body declared, then written in 16 KiB
 * pieces every 20 ms. The answer's status, or the error that came instead of it.
 */
const declaredThenTrickled = (path: string, size: number) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(h.elections.url + path);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': size },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(new Response(null, { status: res.statusCode })));
      },
    );
    req.on('error', reject);
    let sent = 0;
    const next = () => {
      if (sent >= size || req.destroyed) return req.end();
      sent += 16 * kib;
      req.write(Buffer.alloc(16 * kib, 32), () => setTimeout(next, 20));
    };
    next();
  });

/**
 * A client that reads the answer only once it has sent the whole body (as simple clients and some proxies do): a
 * declared 1 MiB body written over about a second. Its status, or what it got instead.
 */
const writesThenReads = (path: string, size: number) =>
  new Promise<Response>((resolve, reject) => {
    const url = new URL(h.elections.url + path);
    const socket = connect(Number(url.port), url.hostname);
    socket.pause(); // nothing is read until the body is sent
    socket.on('error', () => {}); // a write into a closed connection; what counts is what can be read after
    socket.write(
      `POST ${path} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\ncontent-length: ${size}\r\n\r\n`,
    );
    let sent = 0;
    let reading = false;
    const read = () => {
      if (reading) return;
      reading = true;
      let got = '';
      const answer = () => {
        const status = /^HTTP\/1\.1 (\d{3})/.exec(got)?.[1];
        socket.destroy();
        if (status) resolve(new Response(null, { status: Number(status) }));
        else reject(new Error('no answer: the connection was reset'));
      };
      socket.on('data', (d: Buffer) => {
        got += d.toString('latin1');
        if (got.includes('\r\n\r\n{') && got.endsWith('}')) answer();
      });
      socket.on('close', answer);
      socket.resume();
      setTimeout(answer, 2000);
    };
    setTimeout(read, 3000); // a server that stopped reading: what can be read now
    const next = () => {
      if (reading) return;
      if (sent >= size || socket.destroyed) return read();
      sent += 32 * kib;
      socket.write(Buffer.alloc(32 * kib, 32), () => setTimeout(next, 10));
    };
    next();
  });

for (const [what, request, expected, times] of [
  [
    'a declared 1 MiB body from a client that reads after writing: 413',
    () => writesThenReads(`/v1/elections/${election}/ballots`, 1024 * kib),
    '413',
  ],
  [
    'a declared 16 MiB body from a client that reads after writing: 413',
    () => writesThenReads(`/v1/elections/${election}/ballots`, 16 * 1024 * kib),
    '413',
    20, // five seconds each
  ],
  [
    "a declared 1 MiB body written slowly by Node's client: 413",
    () => declaredThenTrickled(`/v1/elections/${election}/ballots`, 1024 * kib),
    '413',
  ],
  [
    'a slowly sent chunked 1 MiB body: 413',
    () => post(`/v1/elections/${election}/receipt-status`, trickled(1024 * kib)),
    '413',
  ],
  ['a declared 70 KiB body: 413', () => post(`/v1/elections/${election}/ballots`, 'x'.repeat(70 * kib)), '413'],
  ['a declared 1 MiB body: 413', () => post(`/v1/elections/${election}/ballots`, 'x'.repeat(1024 * kib)), '413'],
  ['a chunked 1 MiB body: 413', () => post(`/v1/elections/${election}/receipt-status`, chunked(1024 * kib)), '413'],
  [
    'an unsigned S2S request with a 60 KiB body: 401 before a byte of it is read',
    () => post(`/v1/s2s/orgs/acme/elections/${election}/tokens`, 'x'.repeat(60 * kib)),
    '401',
  ],
] as const satisfies readonly (readonly [string, () => Promise<Response>, string, number?])[])
  test(`${what}, ${times ?? 100} times out of ${times ?? 100} under load`, async () => {
    const n = times ?? 100;
    const seen = await send(n, request);
    assert.deepEqual(Object.fromEntries(seen), { [expected]: n });
  });
