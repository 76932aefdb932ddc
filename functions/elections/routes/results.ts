import { ApiError } from '../../../shared/common/http/index.js';
import { sealedTally } from '../../../shared/ballot_box/db/index.js';
import { PublishedTally } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import { asOverload } from '../overload.js';
import { route } from '../route.js';

/** `GET /v1/elections/{id}/results`: the sealed tally, by option id, for anyone. */
export default route(
  {
    operationId: 'publishedTally',
    method: 'GET',
    path: '/v1/elections/:id/results',
    tag: 'verification',
    summary: 'The published tally',
    description:
      'Once sealed, for anyone: ballots cast and the votes of each option id (no labels: the ballot box has none), and the tracker root.',
    access: 'public',
    responses: { 200: PublishedTally },
    errors: ['unknown_election', 'not_sealed', 'overloaded'],
  },
  (deps) =>
    async (c, { params }) => {
      const election = await namedElection(c, deps, params.id);
      const row = await deps.gate.run(() => sealedTally(deps.sql, election.orgId, election.id)).catch(asOverload);
      if (!row?.tally) throw new ApiError('not_sealed', 'results are published when the election is sealed');
      return { status: 200, body: { electionId: election.id, ...row.tally } };
    },
);
