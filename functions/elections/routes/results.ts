import { PublishedTally } from '../../../schemas/api.js';
import { sealedElection } from '../sealedElection.js';
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
      const { election, tally } = await sealedElection(c, deps, params.id, 'results are');
      return { status: 200, body: { electionId: election.id, ...tally } };
    },
);
