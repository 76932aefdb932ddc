import { cors, createApp, type App } from '../../shared/common/http/index.js';
import type { ApiDocument } from '../../shared/common/http/builtins.js';
import { ping } from '../../shared/common/db/index.js';
import type { ElectionsDeps } from './deps.js';
import { requireSignature } from './requireSignature.js';
import castBallot from './routes/castBallot.js';
import castBatch from './routes/castBatch.js';
import receipts from './routes/receipts.js';
import receiptStatus from './routes/receiptStatus.js';
import turnout from './routes/turnout.js';
import results from './routes/results.js';
import tracker from './routes/tracker.js';
import defineElection from './routes/s2s/defineElection.js';
import registerTokens from './routes/s2s/registerTokens.js';
import withdrawTokens from './routes/s2s/withdrawTokens.js';
import forgetDraft from './routes/s2s/forgetDraft.js';
import openElection from './routes/s2s/openElection.js';
import closeElection from './routes/s2s/closeElection.js';
import s2sTurnout from './routes/s2s/turnout.js';

const voterRoutes = [castBallot, castBatch, receipts, receiptStatus, turnout, results, tracker];
const s2sRoutes = [
  defineElection,
  registerTokens,
  withdrawTokens,
  openElection,
  closeElection,
  s2sTurnout,
  forgetDraft,
];

/** The elections function's public API: voters and anyone verifying. */
export const electionsApi: ApiDocument = {
  info: {
    title: 'Ekklesia elections function',
    version: '1',
    description:
      'The ballot side: casting ballots with a voting token, checking receipts, turnout, the published tally and the ' +
      'ballot tracker. JSON in and out; every error is {code, message, requestId}; every answer carries x-request-id. ' +
      'The prose contract is docs/api.md. ' +
      'A known path asked with another method is 405 method_not_allowed with Allow; an unknown path, or an id that is ' +
      'not well-formed, is 404; timestamps are RFC 3339 with an offset; unknown fields are 400.',
  },
  json: '/openapi.json',
  html: '/docs',
  routes: voterRoutes.map((r) => r.contract),
};

/** The elections function's S2S API, for the registry side only (signed per org). */
export const s2sApi: ApiDocument = {
  info: {
    title: 'Ekklesia S2S (events → elections)',
    version: '1',
    description:
      'Called by the events function and the lifecycle worker only. Every request is signed per org (HMAC-SHA256, ' +
      'a 60 s window) and every change is answered once per Idempotency-Key, except token registration, which is ' +
      'idempotent by the hash. See docs/api.md, "S2S".',
  },
  json: '/openapi/s2s.json',
  html: '/docs/s2s',
  routes: s2sRoutes.map((r) => r.contract),
};

/** The elections function (ballot side): ballots, receipts, results, the tracker, and the S2S API. */
export function createElectionsApp(deps: ElectionsDeps): App {
  const app = createApp({
    log: deps.log,
    project: deps.config.log.project,
    health: async () => ({ ok: await ping(deps.sql), db: deps.gate.stats }),
    accessLog: deps.config.accessLog,
    requests: deps.requests,
    documents: [electionsApi, s2sApi],
    traceScope: 'ekklesia.elections',
    // A signed S2S request continues the events function's trace once its signature holds (requireSignature.ts).
    continuesTrace: (path) => path.startsWith('/v1/s2s/'),
  });
  // The web app (served by the events function, another origin) calls the voter API from the browser;
  // the S2S API is never for a browser.
  const origins = deps.config.corsOrigins;
  if (origins.length) {
    app.use(
      '/v1/elections/*',
      cors({
        origins,
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['authorization', 'content-type'],
        exposeHeaders: ['retry-after', 'x-request-id'],
        maxAgeSeconds: 600,
      }),
    );
  }
  for (const route of voterRoutes) route.register(app, deps);
  requireSignature(app, deps);
  for (const route of s2sRoutes) route.register(app, deps);
  return app;
}
