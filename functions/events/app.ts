import { createApp, type App } from '../../shared/common/http/index.js';
import type { ApiDocument } from '../../shared/common/http/builtins.js';
import { ping } from '../../shared/common/db/index.js';
import type { EventsDeps } from './deps.js';
import { serveWebApp } from './webApp.js';
import createOrg from './routes/createOrg.js';
import upsertMembers from './routes/upsertMembers.js';
import createMeeting from './routes/createMeeting.js';
import createElection from './routes/createElection.js';
import editElection from './routes/editElection.js';
import deleteElection from './routes/deleteElection.js';
import getElection from './routes/getElection.js';
import issueToken from './routes/issueToken.js';
import openElection from './routes/openElection.js';
import closeElection from './routes/closeElection.js';
import getResults from './routes/getResults.js';
import getMe from './routes/getMe.js';
import getMyElections from './routes/getMyElections.js';
import listElections from './routes/listElections.js';
import getRoster from './routes/getRoster.js';
import setDelegation from './routes/setDelegation.js';
import getDelegation from './routes/getDelegation.js';
import getAttendance from './routes/getAttendance.js';
import getOrgRules from './routes/getOrgRules.js';
import setOrgRules from './routes/setOrgRules.js';
import listMeetings from './routes/listMeetings.js';
import createRunoff from './routes/createRunoff.js';
import setMyAttendance from './routes/setMyAttendance.js';
import setAttendance from './routes/setAttendance.js';

const routes = [
  getMe,
  getMyElections,
  createOrg,
  upsertMembers,
  getRoster,
  getDelegation,
  setDelegation,
  getAttendance,
  getOrgRules,
  setOrgRules,
  listMeetings,
  createRunoff,
  setMyAttendance,
  setAttendance,
  createMeeting,
  createElection,
  editElection,
  deleteElection,
  listElections,
  getElection,
  issueToken,
  openElection,
  closeElection,
  getResults,
];

/** The events function's API, as its OpenAPI document describes it. */
export const eventsApi: ApiDocument = {
  info: {
    title: 'Ekklesia events function',
    version: '1',
    description:
      'The registry side: organisations, rosters, meetings, elections and voting tokens. JSON in and out; every error is ' +
      '{code, message, requestId}; every answer carries x-request-id. The prose contract is docs/api.md. ' +
      'A known path asked with another method is 405 method_not_allowed with Allow; an unknown path, or an id that is ' +
      'not well-formed, is 404; timestamps are RFC 3339 with an offset; unknown fields are 400.',
  },
  json: '/openapi.json',
  html: '/docs',
  routes: routes.map((r) => r.contract),
};

/** The events function (registry side): orgs, roster, meetings, elections admin. */
export function createEventsApp(deps: EventsDeps): App {
  const app = createApp({
    log: deps.log,
    project: deps.config.log.project,
    health: async () => ({
      ok: await ping(deps.sql),
      db: { poolMax: deps.config.db.poolMax },
      s2sBreaker: deps.ballotBox.breakerState(),
    }),
    requests: deps.requests,
    documents: [eventsApi],
    quietRoutes: [issueToken.contract.path, getMyElections.contract.path],
    traceScope: 'ekklesia.events',
  });
  const web = deps.config.webApp;
  if (web) serveWebApp(app, { ...web, issuer: deps.config.jwt.issuer, electionsUrl: deps.config.ballotBox.url });
  const afterCommit = deps.afterCommit;
  if (afterCommit) {
    // After a change commits, its org's outbox is published without delaying the answer.
    app.use(async (c, next) => {
      await next();
      const orgId = c.get('orgId');
      if (c.req.method === 'GET' || c.res.status >= 400 || !orgId) return;
      afterCommit.kick(orgId);
    });
  }
  for (const route of routes) route.register(app, deps);
  return app;
}
