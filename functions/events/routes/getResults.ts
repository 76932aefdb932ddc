import { ApiError } from '../../../shared/common/http/index.js';
import { ElectionResults } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import { route } from '../route.js';

/** `GET /v1/orgs/{org}/elections/{id}/results`: for any active member, once sealed. */
export default route(
  {
    operationId: 'getResults',
    method: 'GET',
    path: '/v1/orgs/:org/elections/:id/results',
    tag: 'elections',
    summary: "An election's results",
    description:
      'For any active member, once sealed: ballots cast and the votes of each option, with labels, and the tracker root.',
    access: 'member',
    responses: { 200: ElectionResults },
    errors: ['not_sealed'],
  },
  () =>
    async (_c, { params, caller }) => {
      const election = await caller.inOrg((tx) => namedElection(tx, params.id));
      if (election.status !== 'sealed')
        throw new ApiError('not_sealed', 'results are published when the election is sealed');
      return { status: 200, body: election.results as ElectionResults };
    },
);
