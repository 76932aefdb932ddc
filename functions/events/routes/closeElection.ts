import { ApiError, type App } from '../../../shared/common/http/index.js';
import type { ElectionResults } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { electionIn } from '../electionIn.js';
import { sealInRegistry } from '../../../shared/registry/elections/seal.js';
import type { EventsDeps } from '../deps.js';

export type CloseElectionResponse = { status: 'sealed'; results: ElectionResults };

/**
 * `POST /v1/orgs/{org}/elections/{id}/close`: the chair closes; the ballot
 * box stops accepting ballots, counts every acknowledged one and seals. Then
 * the registry stores the results and destroys the election's token secret,
 * after which nobody can recompute a member's token. Closing a sealed
 * election again answers its results.
 */
export function register(app: App, deps: EventsDeps): void {
  app.post('/v1/orgs/:org/elections/:id/close', async (c) => {
    const identity = await authenticate(c, deps);
    const orgId = c.req.param('org');
    const results = await inOrg(c, deps, identity, 'admin', async (tx) => {
      const election = await electionIn(tx, c.req.param('id'));
      if (election.status === 'sealed') return election.results as ElectionResults;
      if (election.status === 'draft')
        throw new ApiError('invalid_transition', 'a draft cannot be closed; open it first');
      return sealInRegistry(tx, deps.ballotBox, orgId, election);
    });
    const response: CloseElectionResponse = { status: 'sealed', results };
    return c.json(response, 200);
  });
}
