/**
 * Serves one function on 127.0.0.1:$PORT, bare (@hono/node-server) or in its
 * deploy shape (functions-framework, via its test server so it binds loopback
 * only). Used by the local stack for each function process.
 *   tsx scripts/serveFunction.ts <events|elections>
 */
import type { Server } from 'node:http';
import { loadLocalStackConfig } from '../shared/common/config.js';
import { serveBare, type App } from '../shared/common/http/index.js';
import { startEvents } from '../functions/events/main.js';
import { startElections } from '../functions/elections/main.js';
import type { Sql } from '../shared/common/db/index.js';
import type { Logger } from '../shared/common/log.js';

const starters: Record<
  string,
  () => { app: App; deps: { sql: Sql; log: Logger; config: { port: number } }; stopReporting: () => Promise<void> }
> = {
  events: startEvents,
  elections: startElections,
};

const name = process.argv[2] ?? '';
const start = starters[name];
if (!start) {
  console.error(`usage: serveFunction <${Object.keys(starters).join('|')}>`);
  process.exit(2);
}

const stack = loadLocalStackConfig();
const { app, deps, stopReporting } = start();
let close: () => Promise<void>;
if (stack.EKKLESIA_SERVE === 'framework') {
  // Loaded only here: functions-framework slows the whole process (see shared/common/http/serve.ts).
  const { registerFunction } = await import('../shared/common/http/register.js');
  const { getTestServer } = await import('@google-cloud/functions-framework/testing');
  registerFunction(name, app);
  const server = getTestServer(name) as Server;
  await new Promise<void>((resolve) => server.listen(deps.config.port, stack.EKKLESIA_HOST, resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
} else {
  ({ close } = await serveBare(app, deps.config.port, stack.EKKLESIA_HOST));
}

const stop = async () => {
  await close();
  // The last minute's request counts go to metering before the pool closes.
  await stopReporting().catch((err: unknown) => deps.log.warn({ err }, 'usage report failed'));
  await deps.sql.end({ timeout: 2 });
  deps.log.flush();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// A stack killed outright must not leave this process behind.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop();
}, 1000).unref();
