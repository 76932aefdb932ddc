import { ApiError, type App } from '../../../shared/common/http/index.js';
import { sealedTally } from '../../../shared/ballot_box/db/index.js';
import type { PublishedTally } from '../../../schemas/api.js';
import { electionOf } from '../electionOf.js';
import { asOverload } from '../overload.js';
import type { ElectionsDeps } from '../deps.js';

export type ResultsResponse = PublishedTally;

/** `GET /v1/elections/{id}/results`: the sealed tally, by option id, for anyone. */
export function register(app: App, deps: ElectionsDeps): void {
  app.get('/v1/elections/:id/results', async (c) => {
    const election = await electionOf(c, deps);
    const row = await deps.gate.run(() => sealedTally(deps.sql, election.orgId, election.id)).catch(asOverload);
    if (!row?.tally) throw new ApiError('not_sealed', 'results are published when the election is sealed');
    const response: ResultsResponse = { electionId: election.id, ...row.tally };
    return c.json(response, 200);
  });
}
