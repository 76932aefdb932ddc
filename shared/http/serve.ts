/**
 * The two ways an app runs: registered as a functions-framework HTTP target
 * (the deploy shape) or served bare with @hono/node-server (local stack,
 * benchmarks, an optional Cloud Run service for the hot path).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as ff from '@google-cloud/functions-framework';
import { getRequestListener, serve } from '@hono/node-server';
import type { App } from './app.js';

export function registerFunction(target: string, app: App): void {
  ff.http(target, getRequestListener(app.fetch));
}

export type Served = { url: string; port: number; close: () => Promise<void> };

export function serveBare(app: App, port: number, hostname = '127.0.0.1'): Promise<Served> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        close: () => closeServer(server as Server),
      });
    }) as Server;
    server.once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
