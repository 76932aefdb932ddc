import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A free loopback TCP port, as the kernel hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A free loopback port below Linux's ephemeral range (32768–60999), for a
 * port chosen now and bound seconds later (a whole stack starting): the
 * kernel never hands these out to another `listen(0)` or outgoing
 * connection in the meantime, as it may a port from freePort(). Stacks
 * starting at once (test files run in parallel) could still draw the same
 * number, so each port is also claimed with a file made exclusively in one
 * folder for the machine; a claim older than ten minutes is stale.
 */
export async function stablePort(): Promise<number> {
  const claims = path.join(os.tmpdir(), 'ekklesia-port-claims');
  mkdirSync(claims, { recursive: true });
  for (let tries = 0; tries < 200; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const claim = path.join(claims, String(port));
    try {
      if (Date.now() - statSync(claim).mtimeMs > 600_000) rmSync(claim, { force: true });
    } catch {
      // no claim yet
    }
    try {
      closeSync(openSync(claim, 'wx'));
    } catch {
      continue; // claimed by another stack
    }
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port below the ephemeral range');
}
