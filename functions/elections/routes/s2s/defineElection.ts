import { ApiError, parseJson, type App } from '../../../../shared/common/http/index.js';
import { upsertElection } from '../../../../shared/ballot_box/db/index.js';
import { DefineElection } from '../../../../schemas/s2s.js';
import { idempotent, s2sPrefix } from '../../s2s.js';
import type { ElectionsDeps } from '../../deps.js';

/** `PUT /v1/s2s/orgs/{org}/elections/{id}`: registers a draft's definition, fixed from then on. */
export function register(app: App, deps: ElectionsDeps): void {
  app.put(`${s2sPrefix}/elections/:id`, async (c) => {
    const def = parseJson(await c.req.text(), DefineElection);
    return idempotent(c, deps, async (tx) => {
      const result = await upsertElection(tx, c.req.param('org'), { id: c.req.param('id'), ...def });
      if (result === 'different')
        throw new ApiError('definition_conflict', 'this election is already defined differently');
      return { status: result === 'created' ? 201 : 200, body: { id: c.req.param('id'), status: 'draft' } };
    });
  });
}
