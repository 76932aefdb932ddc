import { ApiError } from '../../../../shared/common/http/index.js';
import { turnout } from '../../../../shared/ballot_box/db/index.js';
import { Turnout } from '../../../../schemas/common.js';
import { route } from '../../route.js';

/** `GET /v1/s2s/orgs/{org}/elections/{id}/turnout`: status and ballots so far, for the events function. */
export default route(
  {
    operationId: 's2sTurnout',
    method: 'GET',
    path: '/v1/s2s/orgs/:org/elections/:id/turnout',
    tag: 's2s',
    summary: 'Status, ballots so far and members eligible',
    description:
      "The election's status, ballots cast and the tokens registered (members eligible), for the events function's election view.",
    access: 's2s',
    responses: { 200: Turnout },
    errors: ['unknown_election'],
  },
  (deps) =>
    async (_c, { params, caller }) => {
      const row = await turnout(deps.sql, caller.orgId, params.id);
      if (!row) throw new ApiError('unknown_election', 'unknown election');
      return { status: 200, body: row };
    },
);
