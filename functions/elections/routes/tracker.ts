import { trackerEntries } from '../../../shared/ballot_box/db/index.js';
import { Tracker } from '../../../schemas/api.js';
import { trackerHeader } from '../../../schemas/trackerHeader.js';
import { sealedElection } from '../sealedElection.js';
import { asOverload } from '../overload.js';
import { route } from '../route.js';

/**
 * `GET /v1/elections/{id}/tracker`: once sealed, every receipt with its
 * choices, sorted by receipt, and their Merkle root (docs/tracker.md), so
 * each voter can check their ballot was counted as cast; an election decided
 * by rules adds the header its root also covers.
 */
export default route(
  {
    operationId: 'tracker',
    method: 'GET',
    path: '/v1/elections/:id/tracker',
    tag: 'verification',
    summary: 'The ballot tracker',
    description:
      'Once sealed, for anyone: every receipt with its choices, sorted by receipt, and their Merkle root (docs/tracker.md), so each voter can check their ballot was counted as cast.',
    access: 'public',
    responses: { 200: Tracker },
    errors: ['unknown_election', 'not_sealed', 'overloaded'],
  },
  (deps) =>
    async (c, { params }) => {
      const { election, tally } = await sealedElection(c, deps, params.id, 'the tracker is');
      const ballots = await deps.gate
        .run(() => trackerEntries(deps.sql, election.orgId, election.id))
        .catch(asOverload);
      const header = trackerHeader(tally);
      return { status: 200, body: { root: tally.root, ballots, ...(header ? { header } : {}) } };
    },
);
