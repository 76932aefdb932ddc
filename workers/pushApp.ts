/**
 * A worker's HTTP face: Pub/Sub pushes (and Cloud Scheduler's calls) arrive
 * as POSTs with an OIDC token, checked before anything is read; then the
 * body goes to the worker. 204 acknowledges; a failure answers 500, so
 * Pub/Sub redelivers; a caller without a valid token gets 401 and nothing
 * happens. Built on the one app factory: request ids, logs, the error shape.
 */
import { ApiError, createApp, header, parseJson, readText, type App } from '../shared/common/http/index.js';
import type { VerifyInvoker } from '../shared/common/auth/index.js';
import type { Logger } from '../shared/common/log.js';
import * as v from 'valibot';

export type PushHandler = (data: unknown) => Promise<unknown>;

export function createPushApp(log: Logger, verify: VerifyInvoker, handle: PushHandler): App {
  const app = createApp({ log, health: async () => ({ ok: true }) });
  app.post('/*', async (c) => {
    if (!(await verify(header(c, 'authorization')))) {
      throw new ApiError('unauthenticated', 'a valid OIDC token of the push service account is required');
    }
    await handle(parseJson(await readText(c), v.unknown()));
    return c.body(null, 204);
  });
  return app;
}
