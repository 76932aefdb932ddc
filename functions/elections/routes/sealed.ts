import { ApiError, type App } from '../../../shared/common/http/index.js';
import { results, trackerEntries } from '../../../shared/ballot_box/db/index.js';
import type { Tracker } from '../../../schemas/api.js';
import { electionOf } from '../election.js';
import { asOverload } from '../overload.js';
import type { ElectionsDeps } from '../deps.js';

export type ResultsResponse = {
  electionId: string;
  ballotsCast: number;
  tally: { option: string; votes: number }[];
  root: string;
};
export type TrackerResponse = Tracker;

/**
 * What anyone may read once an election is sealed: `GET …/results` (the
 * tally) and `GET …/tracker` (every receipt with its choices, sorted by
 * receipt, and their Merkle root; see docs/tracker.md).
 */
export function register(app: App, deps: ElectionsDeps): void {
  app.get('/v1/elections/:id/results', async (c) => {
    const election = await electionOf(c, deps);
    const row = await deps.gate.run(() => results(deps.sql, election.orgId, election.id)).catch(asOverload);
    if (row?.status !== 'sealed') throw new ApiError('not_sealed', 'results are published when the election is sealed');
    const response: ResultsResponse = {
      electionId: election.id,
      ballotsCast: row.ballotsCast!,
      tally: row.tally!,
      root: row.root!,
    };
    return c.json(response, 200);
  });

  app.get('/v1/elections/:id/tracker', async (c) => {
    const election = await electionOf(c, deps);
    const row = await deps.gate.run(() => results(deps.sql, election.orgId, election.id)).catch(asOverload);
    if (row?.status !== 'sealed')
      throw new ApiError('not_sealed', 'the tracker is published when the election is sealed');
    const ballots = await deps.gate.run(() => trackerEntries(deps.sql, election.orgId, election.id)).catch(asOverload);
    const response: TrackerResponse = { root: row.root!, ballots };
    return c.json(response, 200);
  });
}
