import { ApiError } from '../../../shared/common/http/index.js';
import { Turnout } from '../../../schemas/api.js';
import { turnout } from '../../../shared/ballot_box/db/index.js';
import { namedElection } from '../namedElection.js';
import { asOverload } from '../overload.js';
import { route } from '../route.js';

/** `GET /v1/elections/{id}/turnout`: how many ballots so far, and the status. */
export default route(
  {
    operationId: 'turnout',
    method: 'GET',
    path: '/v1/elections/:id/turnout',
    tag: 'verification',
    summary: 'Turnout so far',
    description:
      "The election's status, the ballots cast so far and the members eligible, for anyone (the live count on the projector).",
    access: 'public',
    responses: { 200: Turnout },
    errors: ['unknown_election', 'overloaded'],
  },
  (deps) =>
    async (c, { params }) => {
      const election = await namedElection(c, deps, params.id);
      const row = await deps.gate.run(() => turnout(deps.sql, election.orgId, election.id)).catch(asOverload);
      if (!row) throw new ApiError('unknown_election', 'unknown election');
      return { status: 200, body: row };
    },
);
