import { ApiError, type App } from '../../../shared/common/http/index.js';
import { ElectionResults, OrgId, Uuid } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { electionIn } from '../electionIn.js';
import type { EventsDeps } from '../deps.js';
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
  app.get(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const election = await inOrg(c, deps, identity, 'member', (tx) => electionIn(tx, c.req.param('id')));
    if (election.status !== 'sealed')
      throw new ApiError('not_sealed', 'results are published when the election is sealed');
    return c.json(election.results as ElectionResults, 200);
  });
}
