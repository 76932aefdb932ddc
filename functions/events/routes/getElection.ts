import type { App } from '../../../shared/common/http/index.js';
import type { ElectionWithIssuance } from '../../../shared/registry/db/index.js';
import { Election, OrgId, Uuid, type ElectionResults } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { electionIn } from '../electionIn.js';
import type { EventsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';
import { toSummary } from './listElections.js';

export type GetElectionResponse = Election;

export const contract = defineRoute({
  operationId: 'getElection',
  method: 'GET',
  path: '/v1/orgs/:org/elections/:id',
  tag: 'elections',
  summary: 'Read an election and its turnout',
  description:
    'For any active member: the election, tokens issued so far and ballots cast (asked of the ballot box while voting runs, from the stored results once sealed).',
  access: 'member',
  params: { org: OrgId, id: Uuid },
  responses: { 200: Election },
  errors: ['unavailable'],
});

/**
 * `GET /v1/orgs/{org}/elections/{id}`: the election and its turnout, for any
 * active member. Ballots are counted by the ballot box: asked over S2S while
 * voting runs, taken from the stored results once sealed.
 */
export function register(app: App, deps: EventsDeps): void {
  app.get(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const row = await inOrg(c, deps, identity, 'member', (tx) => electionIn(tx, c.req.param('id')));
    const ballotsCast =
      row.status === 'draft'
        ? 0
        : row.status === 'sealed'
          ? (row.results as ElectionResults).ballotsCast
          : (await deps.ballotBox.turnout(c.req.param('org'), row.id)).ballotsCast;
    return c.json(toElection(row, ballotsCast), 200);
  });
}

export function toElection(row: ElectionWithIssuance, ballotsCast: number): GetElectionResponse {
  return {
    ...toSummary(row),
    ballotMode: row.ballotMode,
    turnout: { tokensIssued: row.tokensIssued, ballotsCast },
  };
}
