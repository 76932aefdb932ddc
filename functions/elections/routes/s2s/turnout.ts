import { ApiError, type App } from '../../../../shared/common/http/index.js';
import { turnout } from '../../../../shared/ballot_box/db/index.js';
import { TurnoutAnswer } from '../../../../schemas/s2s.js';
import { OrgId, Uuid } from '../../../../schemas/common.js';
import type { ElectionsDeps } from '../../deps.js';
import { defineRoute } from '../../../../shared/common/http/contract.js';
import { s2sElectionId } from '../../requireSignature.js';

export const contract = defineRoute({
  operationId: 's2sTurnout',
  method: 'GET',
  path: '/v1/s2s/orgs/:org/elections/:id/turnout',
  tag: 's2s',
  summary: 'Status, ballots so far and members eligible',
  description:
    "The election's status, ballots cast and the tokens registered (members eligible), for the events function's election view.",
  access: 's2s',
  params: { org: OrgId, id: Uuid },
  responses: { 200: TurnoutAnswer },
  errors: ['unknown_election'],
});

/** `GET /v1/s2s/orgs/{org}/elections/{id}/turnout`: status and ballots so far, for the events function. */
export function register(app: App, deps: ElectionsDeps): void {
  app.get(contract.path, async (c) => {
    const row = await turnout(deps.sql, c.req.param('org'), s2sElectionId(c));
    if (!row) throw new ApiError('unknown_election', 'unknown election');
    const body: TurnoutAnswer = { status: row.status, ballotsCast: row.ballotsCast, eligible: row.eligible };
    return c.json(body, 200);
  });
}
