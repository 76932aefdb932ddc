import { ApiError, type App } from '../../../../shared/common/http/index.js';
import { setStatus } from '../../../../shared/ballot_box/db/index.js';
import type { OpenedAnswer } from '../../../../schemas/s2s.js';
import { s2sPrefix } from '../../requireSignature.js';
import { idempotent } from '../../idempotent.js';
import type { ElectionsDeps } from '../../deps.js';

/** `POST /v1/s2s/orgs/{org}/elections/{id}/open`: draft → open. */
export function register(app: App, deps: ElectionsDeps): void {
  app.post(`${s2sPrefix}/elections/:id/open`, (c) =>
    idempotent(c, deps, async (tx) => {
      const was = await setStatus(tx, c.req.param('id'), 'draft', 'open');
      if (was === undefined) throw new ApiError('unknown_election', 'unknown election');
      if (was !== 'draft') throw new ApiError('invalid_transition', `the election is ${was}, not draft`);
      const body: OpenedAnswer = { status: 'open' };
      return { status: 200, body };
    }),
  );
}
