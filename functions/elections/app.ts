import { createApp, type App } from '../../shared/common/http/index.js';
import { ping } from '../../shared/common/db/index.js';
import type { ElectionsDeps } from './deps.js';
import { requireSignature } from './requireSignature.js';
import * as castBallot from './routes/castBallot.js';
import * as receipts from './routes/receipts.js';
import * as turnout from './routes/turnout.js';
import * as results from './routes/results.js';
import * as tracker from './routes/tracker.js';
import * as defineElection from './routes/s2s/defineElection.js';
import * as registerToken from './routes/s2s/registerToken.js';
import * as openElection from './routes/s2s/openElection.js';
import * as closeElection from './routes/s2s/closeElection.js';
import * as s2sTurnout from './routes/s2s/turnout.js';

const voterRoutes = [castBallot, receipts, turnout, results, tracker];
const s2sRoutes = [defineElection, registerToken, openElection, closeElection, s2sTurnout];

/** The elections function (ballot side): ballots, receipts, results, the tracker, and the S2S API. */
export function createElectionsApp(deps: ElectionsDeps): App {
  const app = createApp({
    log: deps.log,
    project: deps.config.log.project,
    health: async () => ({ ok: await ping(deps.sql), db: deps.gate.stats }),
    accessLog: deps.config.accessLog,
    requests: deps.requests,
  });
  for (const route of voterRoutes) route.register(app, deps);
  requireSignature(app, deps);
  for (const route of s2sRoutes) route.register(app, deps);
  return app;
}
