import { ApiError, type App } from '../../../../shared/common/http/index.js';
import { turnout } from '../../../../shared/ballot_box/db/index.js';
import type { TurnoutAnswer } from '../../../../schemas/s2s.js';
import { s2sPrefix } from '../../requireSignature.js';
import type { ElectionsDeps } from '../../deps.js';

/** `GET /v1/s2s/orgs/{org}/elections/{id}/turnout`: status and ballots so far, for the events function. */
export function register(app: App, deps: ElectionsDeps): void {
  app.get(`${s2sPrefix}/elections/:id/turnout`, async (c) => {
    const row = await turnout(deps.sql, c.req.param('org'), c.req.param('id'));
    if (!row) throw new ApiError('unknown_election', 'unknown election');
    const body: TurnoutAnswer = { status: row.status, ballotsCast: row.ballotsCast };
    return c.json(body, 200);
  });
}
