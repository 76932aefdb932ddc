import { ApiError, parseJson, type App } from '../../../../shared/common/http/index.js';
import { withTenant } from '../../../../shared/common/db/index.js';
import { registerToken } from '../../../../shared/ballot_box/db/index.js';
import { RegisteredAnswer, RegisterToken } from '../../../../schemas/s2s.js';
import { OrgId, Uuid } from '../../../../schemas/common.js';
import type { ElectionsDeps } from '../../deps.js';
import { defineRoute } from '../../../../shared/common/http/contract.js';
import { s2sElectionId } from '../../requireSignature.js';

export const contract = defineRoute({
  operationId: 's2sRegisterToken',
  method: 'POST',
  path: '/v1/s2s/orgs/:org/elections/:id/tokens',
  tag: 's2s',
  summary: "Register a voting token's hash",
  description: 'While the election is a draft or open. Idempotent by the hash itself, and keeps no request record.',
  access: 's2s',
  params: { org: OrgId, id: Uuid },
  body: RegisterToken,
  example: { tokenHash: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg' },
  responses: { 201: RegisteredAnswer, 200: RegisteredAnswer },
  errors: ['unknown_election', 'election_not_open'],
});

/**
 * `POST /v1/s2s/orgs/{org}/elections/{id}/tokens`: a token hash, while the
 * election is a draft or open. Idempotent by the hash itself: unlike the
 * other S2S changes it keeps no request record, because that record would
 * outlive the seal and, with it, a trace of the token.
 */
export function register(app: App, deps: ElectionsDeps): void {
  app.post(contract.path, async (c) => {
    const { tokenHash } = parseJson(await c.req.text(), RegisterToken);
    const result = await withTenant(deps.sql, c.req.param('org'), (tx) =>
      registerToken(tx, s2sElectionId(c), Buffer.from(tokenHash, 'base64url')),
    );
    if (result === 'unknown_election') throw new ApiError('unknown_election', 'unknown election');
    if (result === 'not_open') throw new ApiError('election_not_open', 'the election is closed');
    const body: RegisteredAnswer = { registered: true };
    return c.json(body, result === 'created' ? 201 : 200);
  });
}
