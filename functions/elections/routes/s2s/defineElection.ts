import { ApiError, parseJson, type App } from '../../../../shared/common/http/index.js';
import { upsertElection } from '../../../../shared/ballot_box/db/index.js';
import { ElectionDefinition, type DefinedAnswer } from '../../../../schemas/s2s.js';
import { s2sPrefix } from '../../requireSignature.js';
import { idempotent } from '../../idempotent.js';
import type { ElectionsDeps } from '../../deps.js';

/** `PUT /v1/s2s/orgs/{org}/elections/{id}`: registers a draft's definition, fixed from then on. */
export function register(app: App, deps: ElectionsDeps): void {
  app.put(`${s2sPrefix}/elections/:id`, async (c) => {
    const def = parseJson(await c.req.text(), ElectionDefinition);
    return idempotent(c, deps, async (tx) => {
      const result = await upsertElection(tx, c.req.param('org'), c.req.param('id'), def);
      if (result === 'different')
        throw new ApiError('definition_conflict', 'this election is already defined differently');
      const body: DefinedAnswer = { id: c.req.param('id'), status: 'draft' };
      return { status: result === 'created' ? 201 : 200, body };
    });
  });
}
