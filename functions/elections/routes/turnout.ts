import { ApiError, type App } from '../../../shared/common/http/index.js';
import { TurnoutResponse as TurnoutAnswer, Uuid, type TurnoutResponse } from '../../../schemas/api.js';
import { turnout } from '../../../shared/ballot_box/db/index.js';
import { electionOf } from '../electionOf.js';
import { asOverload } from '../overload.js';
import type { ElectionsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export type { TurnoutResponse };

export const contract = defineRoute({
  operationId: 'turnout',
  method: 'GET',
  path: '/v1/elections/:id/turnout',
  tag: 'verification',
  summary: 'Turnout so far',
  description: "The election's status and the ballots cast so far, for anyone (the live count on the projector).",
  access: 'public',
  params: { id: Uuid },
  responses: { 200: TurnoutAnswer },
  errors: ['unknown_election', 'overloaded'],
});

/** `GET /v1/elections/{id}/turnout`: how many ballots so far, and the status. */
export function register(app: App, deps: ElectionsDeps): void {
  app.get(contract.path, async (c) => {
    const election = await electionOf(c, deps);
    const row = await deps.gate.run(() => turnout(deps.sql, election.orgId, election.id)).catch(asOverload);
    if (!row) throw new ApiError('unknown_election', 'unknown election');
    const response: TurnoutResponse = { ballotsCast: row.ballotsCast, status: row.status };
    return c.json(response, 200);
  });
}
