import { ApiError, type App } from '../../../shared/common/http/index.js';
import type { TurnoutResponse } from '../../../schemas/api.js';
import { turnout } from '../../../shared/ballot_box/db/index.js';
import { electionOf } from '../electionOf.js';
import { asOverload } from '../overload.js';
import type { ElectionsDeps } from '../deps.js';

export type { TurnoutResponse };

/** `GET /v1/elections/{id}/turnout`: how many ballots so far, and the status. */
export function register(app: App, deps: ElectionsDeps): void {
  app.get('/v1/elections/:id/turnout', async (c) => {
    const election = await electionOf(c, deps);
    const row = await deps.gate.run(() => turnout(deps.sql, election.orgId, election.id)).catch(asOverload);
    if (!row) throw new ApiError('unknown_election', 'unknown election');
    const response: TurnoutResponse = { ballotsCast: row.ballotsCast, status: row.status };
    return c.json(response, 200);
  });
}
