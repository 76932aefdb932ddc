import { ApiError, type App } from '../../../shared/http/index.js';
import { getElection, type ElectionWithIssuance } from '../../../shared/db/registry/index.js';
import { Uuid, type ElectionWithTurnout } from '../../../schemas/api.js';
import * as v from 'valibot';
import { authenticate, inOrg } from '../auth.js';
import type { EventsDeps } from '../deps.js';

export type GetElectionResponse = ElectionWithTurnout;

/** `GET /v1/orgs/{org}/elections/{id}`: the election and its turnout, for any active member. */
export function register(app: App, deps: EventsDeps): void {
  app.get('/v1/orgs/:org/elections/:id', async (c) => {
    const identity = await authenticate(c, deps);
    const id = c.req.param('id');
    const row = await inOrg(c, deps, identity, 'member', (tx) => (v.is(Uuid, id) ? getElection(tx, id) : Promise.resolve(undefined)));
    if (!row) throw new ApiError('not_found', 'unknown election');
    return c.json(toElection(row), 200);
  });
}

export function toElection(row: ElectionWithIssuance): GetElectionResponse {
  return {
    id: row.id,
    meetingId: row.meetingId,
    title: row.title,
    kind: row.kind,
    options: row.options,
    maxChoices: row.maxChoices,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    // Ballots exist only once an election has been opened (the ballot box
    // reports them); a draft has none.
    turnout: { tokensIssued: row.tokensIssued, ballotsCast: 0 },
  };
}
