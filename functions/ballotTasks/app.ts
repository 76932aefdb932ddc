/**
 * The ballot task handler's HTTP face: Cloud Tasks dispatches each queued
 * ballot as a POST with an OIDC token of the queue's service account, checked
 * before anything is read (401 otherwise, and nothing happens). 204 ends the
 * task, also for a body that can never be applied (too large, not JSON, not
 * a ballot: logged), since Cloud Tasks retries every other answer; 423 busy,
 * 503 and 500 make it retry with backoff.
 */
import * as v from 'valibot';
import {
  ApiError,
  continueTrace,
  createApp,
  header,
  parseJson,
  readText,
  type App,
} from '../../shared/common/http/index.js';
import { ping, type Sql } from '../../shared/common/db/index.js';
import type { VerifyInvoker } from '../../shared/common/auth/index.js';
import type { Logger } from '../../shared/common/log.js';
import { applyQueuedBallot } from './apply.js';

export type BallotTaskDeps = { sql: Sql; log: Logger; verifyInvoker: VerifyInvoker };

export function createBallotTaskApp(deps: BallotTaskDeps): App {
  const app = createApp({
    log: deps.log,
    health: async () => ({ ok: await ping(deps.sql) }),
    accessLog: 'failures',
    traceScope: 'ekklesia.ballot-tasks',
    continuesTrace: () => true,
  });
  // Once the queue's token holds, the task continues the trace of the ballot's enqueue (its traceparent header).
  app.use('/*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    if (!(await deps.verifyInvoker(header(c, 'authorization')))) {
      throw new ApiError('unauthenticated', "a valid OIDC token of the queue's service account is required");
    }
    await continueTrace(c, { traceparent: header(c, 'traceparent') }, next);
  });
  app.post('/*', async (c) => {
    let body: unknown;
    try {
      body = parseJson(await readText(c), v.unknown());
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      deps.log.error({ code: err.code }, 'a task body that is no queued ballot: dropped');
      return c.body(null, 204);
    }
    await applyQueuedBallot(deps, body);
    return c.body(null, 204);
  });
  return app;
}
