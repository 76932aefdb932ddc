/**
 * Serving an app bare with @hono/node-server: the local stack, benchmarks and
 * an optional Cloud Run service for the hot path. The deploy shape
 * (functions-framework) lives in register.ts, apart: merely loading the
 * framework loads `domain`, which slows every event emitter in the process.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { App } from './app.js';
import { keepEarlyAnswers } from './earlyAnswers.js';

export type Served = { url: string; port: number; close: () => Promise<void> };

export function serveBare(app: App, port: number, hostname = '127.0.0.1'): Promise<Served> {
  return new Promise((resolve, reject) => {
    // Its own handling of a body left unread (earlyAnswers.ts), not the adapter's (a close 500 ms after the answer).
    const server = serve({ fetch: app.fetch, port, hostname, autoCleanupIncoming: false }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        close: () => closeServer(server as Server),
      });
    }) as Server;
    keepEarlyAnswers(server);
    server.once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
