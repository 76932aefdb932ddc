import { ApiError } from '../../../shared/common/http/index.js';
import { CloseElectionResponse, type ElectionResults } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import { beginClose, finishClose } from '../../../shared/registry/elections/close.js';
import { shredElectionKey } from '../../../shared/registry/elections/shred.js';
import { route } from '../route.js';

/**
 * `POST /v1/orgs/{org}/elections/{id}/close`: the chair closes; the ballot
 * box stops accepting ballots, counts every acknowledged one and seals. The
 * registry records the close as begun, asks the ballot box with no
 * transaction open, then stores the results (shared/registry/elections/close.ts)
 * and destroys the election's token secret, after which nobody can recompute
 * a member's token. Closing a closed election finishes it; closing a sealed
 * one answers its results.
 */
export default route(
  {
    operationId: 'closeElection',
    method: 'POST',
    path: '/v1/orgs/:org/elections/:id/close',
    tag: 'elections',
    summary: 'Close and seal an election',
    description:
      "The chair closes: the ballot box stops taking ballots, counts every acknowledged one and seals; the registry stores the results and destroys the election's token secret. Closing a sealed election again answers its results.",
    access: 'admin',
    responses: { 200: CloseElectionResponse },
    errors: ['invalid_transition', 'unavailable'],
  },
  (deps) =>
    async (c, { params, caller }) => {
      const { orgId } = caller;
      const election = await caller.inOrg(async (tx) => {
        const election = await namedElection(tx, params.id);
        if (election.status === 'draft')
          throw new ApiError('invalid_transition', 'a draft cannot be closed; open it first');
        if (election.status === 'open') await beginClose(tx, election.id);
        return election;
      });
      const results =
        election.status === 'sealed' ? (election.results as ElectionResults) : await finishClose(deps, orgId, election);
      deps.views.changed(orgId); // this instance's member pages see the results at their next poll (memberViews.ts)
      // The seal has committed: now the token secret goes (again, harmlessly, for a sealed one).
      await shredElectionKey(deps.sql, deps.electionKeys, orgId, results.electionId).catch((err: unknown) =>
        c.get('log').warn({ err }, 'the token secret was not shredded yet; the lifecycle worker retries'),
      );
      return { status: 200, body: { status: 'sealed' as const, results } };
    },
);
