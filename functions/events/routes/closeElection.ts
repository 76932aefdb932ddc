import { ApiError, type App } from '../../../shared/http/index.js';
import { destroyElectionSecret, markElection, recordEvent } from '../../../shared/db/registry/index.js';
import type { Results } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { electionIn } from '../election.js';
import { toResults } from '../results.js';
import type { EventsDeps } from '../deps.js';

export type CloseElectionResponse = { status: 'sealed'; results: Results };

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
      if (election.status === 'sealed') return election.results as Results;
      if (election.status === 'draft') throw new ApiError('invalid_transition', 'a draft cannot be closed; open it first');
      const sealed = toResults(election, await deps.ballotBox.close(orgId, election.id));
      await markElection(tx, election.id, { status: 'sealed', results: sealed });
      await destroyElectionSecret(tx, election.id);
      await recordEvent(tx, orgId, 'election.sealed', {
        electionId: election.id,
        ballotsCast: sealed.ballotsCast,
        root: sealed.root,
        options: sealed.options.map((o) => ({ id: o.id, votes: o.votes })),
      });
      return sealed;
    });
    const response: CloseElectionResponse = { status: 'sealed', results };
    return c.json(response, 200);
  });
}
