/**
 * The bench's baseline (c): functions-framework serving a trivial JSON
 * handler, on loopback. `node --import tsx scripts/bench/trivialFunction.ts PORT`
 */
import type { Server } from 'node:http';
import * as ff from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';

ff.http('trivial', (_req, res) => {
  res.json({ ok: true });
});
const server = getTestServer('trivial') as Server;
server.listen(Number(process.argv[2]), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
