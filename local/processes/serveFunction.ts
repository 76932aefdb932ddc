/**
 * Serves one function on 127.0.0.1:$PORT for the local stack, bare
 * (@hono/node-server) or in its deploy shape: its own entry point
 * (functions/<name>/index.ts) registered on functions-framework, served by
 * the framework's test server so it binds loopback only. Each process loads
 * only its own function's code.
 *   tsx local/processes/serveFunction.ts <events|elections|ballotTasks>
 */
import type { Server } from 'node:http';
import { loadLocalStackConfig } from '../config.js';
import { serveBare, type HttpDeployable } from '../../shared/common/http/index.js';
import { stopOnSignal } from '../../shared/common/shutdown.js';
import { stopWithParent } from './watchdog.js';

const functions: Record<string, { wire: () => Promise<HttpDeployable>; entry: () => Promise<unknown> }> = {
  events: {
    wire: async () => (await import('../../functions/events/wiring.js')).wireEvents(),
    entry: () => import('../../functions/events/index.js'),
  },
  elections: {
    wire: async () => (await import('../../functions/elections/wiring.js')).wireElections(),
    entry: () => import('../../functions/elections/index.js'),
  },
  ballotTasks: {
    wire: async () => (await import('../../functions/ballotTasks/wiring.js')).wireBallotTasks(),
    entry: () => import('../../functions/ballotTasks/index.js'),
  },
};

const name = process.argv[2] ?? '';
const fn = functions[name];
if (!fn) {
  console.error(`usage: serveFunction <${Object.keys(functions).join('|')}>`);
  process.exit(2);
}

const stack = loadLocalStackConfig();
if (stack.EKKLESIA_SERVE === 'framework') {
  // Loaded only here: functions-framework slows the whole process (see shared/common/http/serve.ts).
  await fn.entry();
  const { getTestServer } = await import('@google-cloud/functions-framework/testing');
  const server = getTestServer(name) as Server;
  await new Promise<void>((resolve) => server.listen(stack.PORT, stack.EKKLESIA_HOST, resolve));
} else {
  const deployable = await fn.wire();
  const served = await serveBare(deployable.app, stack.PORT || deployable.port, stack.EKKLESIA_HOST);
  stopOnSignal(deployable.log, [served.close, deployable.stop]);
}

stopWithParent();
