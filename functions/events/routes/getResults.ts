import { ApiError, type App } from '../../../shared/common/http/index.js';
import { ElectionResults, OrgId, Uuid } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import type { EventsDeps } from '../deps.js';
import { route } from '../route.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export const contract = defineRoute({
  operationId: 'getResults',
  method: 'GET',
  path: '/v1/orgs/:org/elections/:id/results',
  tag: 'elections',
  summary: "An election's results",
  description:
    'For any active member, once sealed: ballots cast and the votes of each option, with labels, and the tracker root.',
  access: 'member',
  params: { org: OrgId, id: Uuid },
  responses: { 200: ElectionResults },
  errors: ['not_sealed'],
});

/** `GET /v1/orgs/{org}/elections/{id}/results`: for any active member, once sealed. */
export function register(app: App, deps: EventsDeps): void {
  route(app, deps, contract, async (_c, { params, caller }) => {
    const election = await caller.inOrg((tx) => namedElection(tx, params.id));
    if (election.status !== 'sealed')
      throw new ApiError('not_sealed', 'results are published when the election is sealed');
    return { status: 200, body: election.results as ElectionResults };
  });
}
