import { ApiError, parseJson, type App } from '../../../../shared/common/http/index.js';
import { withTenant } from '../../../../shared/common/db/index.js';
import { registerToken } from '../../../../shared/ballot_box/db/index.js';
import { RegisterToken, type RegisteredAnswer } from '../../../../schemas/s2s.js';
import { s2sPrefix } from '../../requireSignature.js';
import type { ElectionsDeps } from '../../deps.js';

/**
 * `POST /v1/s2s/orgs/{org}/elections/{id}/tokens`: a token hash, while the
 * election is a draft or open. Idempotent by the hash itself: unlike the
 * other S2S changes it keeps no request record, because that record would
 * outlive the seal and, with it, a trace of the token.
 */
export function register(app: App, deps: ElectionsDeps): void {
  app.post(`${s2sPrefix}/elections/:id/tokens`, async (c) => {
    const { tokenHash } = parseJson(await c.req.text(), RegisterToken);
    const result = await withTenant(deps.sql, c.req.param('org'), (tx) =>
      registerToken(tx, c.req.param('id'), Buffer.from(tokenHash, 'base64url')),
    );
    if (result === 'unknown_election') throw new ApiError('unknown_election', 'unknown election');
    if (result === 'not_open') throw new ApiError('election_not_open', 'the election is closed');
    const body: RegisteredAnswer = { registered: true };
    return c.json(body, result === 'created' ? 201 : 200);
  });
}
