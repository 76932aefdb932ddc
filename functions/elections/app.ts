import { createApp, type App } from '../../shared/http/index.js';
import { ping } from '../../shared/db/index.js';
import type { ElectionsDeps } from './deps.js';

/** The elections function (ballot side). Health only until the vote lands. */
export function createElectionsApp(deps: ElectionsDeps): App {
  return createApp({
    log: deps.log,
    project: deps.config.log.project,
    health: async () => ({ ok: await ping(deps.sql), db: { poolMax: deps.config.db.poolMax } }),
  });
}
