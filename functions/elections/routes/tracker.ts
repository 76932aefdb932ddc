import { ApiError, type App } from '../../../shared/common/http/index.js';
import { sealedTally, trackerEntries } from '../../../shared/ballot_box/db/index.js';
import type { Tracker } from '../../../schemas/api.js';
import { electionOf } from '../electionOf.js';
import { asOverload } from '../overload.js';
import type { ElectionsDeps } from '../deps.js';

export type TrackerResponse = Tracker;

/**
 * `GET /v1/elections/{id}/tracker`: once sealed, every receipt with its
 * choices, sorted by receipt, and their Merkle root (docs/tracker.md), so
 * each voter can check their ballot was counted as cast.
 */
export function register(app: App, deps: ElectionsDeps): void {
  app.get('/v1/elections/:id/tracker', async (c) => {
    const election = await electionOf(c, deps);
    const row = await deps.gate.run(() => sealedTally(deps.sql, election.orgId, election.id)).catch(asOverload);
    if (!row?.tally) throw new ApiError('not_sealed', 'the tracker is published when the election is sealed');
    const ballots = await deps.gate.run(() => trackerEntries(deps.sql, election.orgId, election.id)).catch(asOverload);
    const response: TrackerResponse = { root: row.tally.root, ballots };
    return c.json(response, 200);
  });
}
