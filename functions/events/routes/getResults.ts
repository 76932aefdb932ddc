import { ApiError, type App } from '../../../shared/common/http/index.js';
import type { ElectionResults } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { electionIn } from '../electionIn.js';
import type { EventsDeps } from '../deps.js';

/** `GET /v1/orgs/{org}/elections/{id}/results`: for any active member, once sealed. */
export function register(app: App, deps: EventsDeps): void {
  app.get('/v1/orgs/:org/elections/:id/results', async (c) => {
    const identity = await authenticate(c, deps);
    const election = await inOrg(c, deps, identity, 'member', (tx) => electionIn(tx, c.req.param('id')));
    if (election.status !== 'sealed')
      throw new ApiError('not_sealed', 'results are published when the election is sealed');
    return c.json(election.results as ElectionResults, 200);
  });
}
