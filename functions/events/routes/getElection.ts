import type { App } from '../../../shared/common/http/index.js';
import { activeMembers, type ElectionRow } from '../../../shared/registry/db/index.js';
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
    'For any active member: the election, the members eligible and the ballots cast (a draft: the active members now; asked of the ballot box while voting runs; from the stored results once sealed).',
  access: 'member',
  params: { org: OrgId, id: Uuid },
  responses: { 200: Election },
  errors: ['unavailable'],
});

/**
 * `GET /v1/orgs/{org}/elections/{id}`: the election and its turnout, for any
 * active member. Ballots and eligible members are counted by the ballot box
 * (the tokens registered): asked over S2S while voting runs, taken from the
 * stored results once sealed; a draft's eligible members are the org's
 * active members now.
 */
export function register(app: App, deps: EventsDeps): void {
  app.get(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const { row, active } = await inOrg(c, deps, identity, 'member', async (tx) => {
      const row = await electionIn(tx, c.req.param('id'));
      return { row, active: row.status === 'draft' ? await activeMembers(tx) : 0 };
    });
    const results = row.results as ElectionResults | null;
    const turnout =
      row.status === 'draft'
        ? { eligible: active, ballotsCast: 0 }
        : row.status === 'sealed' && results
          ? { eligible: results.eligible, ballotsCast: results.ballotsCast }
          : await deps.ballotBox.turnout(c.req.param('org'), row.id);
    return c.json(toElection(row, { eligible: turnout.eligible, ballotsCast: turnout.ballotsCast }), 200);
  });
}

export function toElection(row: ElectionRow, turnout: GetElectionResponse['turnout']): GetElectionResponse {
  return { ...toSummary(row), ballotMode: row.ballotMode, turnout };
}
