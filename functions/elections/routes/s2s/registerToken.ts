import { ApiError, parseJson, type App } from '../../../../shared/http/index.js';
import { registerToken } from '../../../../shared/db/ballot_box/index.js';
import { RegisterToken } from '../../../../schemas/s2s.js';
import { idempotent, s2sPrefix } from '../../s2s.js';
import type { ElectionsDeps } from '../../deps.js';

/** `POST /v1/s2s/orgs/{org}/elections/{id}/tokens`: a token hash, while the election is a draft or open. */
export function register(app: App, deps: ElectionsDeps): void {
  app.post(`${s2sPrefix}/elections/:id/tokens`, async (c) => {
    const { tokenHash } = parseJson(await c.req.text(), RegisterToken);
    return idempotent(c, deps, async (tx) => {
      const result = await registerToken(tx, c.req.param('id'), Buffer.from(tokenHash, 'base64url'));
      if (result === 'unknown_election') throw new ApiError('unknown_election', 'unknown election');
      if (result === 'not_open') throw new ApiError('election_not_open', 'the election is closed');
      return { status: result === 'created' ? 201 : 200, body: { registered: true } };
    });
  });
}
