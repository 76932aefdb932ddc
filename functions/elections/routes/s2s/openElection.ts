import { ApiError } from '../../../../shared/common/http/index.js';
import { setBallotMode, setPresent, setStatus } from '../../../../shared/ballot_box/db/index.js';
import { OpenedAnswer, OpenRequest } from '../../../../schemas/s2s.js';
import { idempotent } from '../../idempotent.js';
import { route } from '../../route.js';

/** `POST /v1/s2s/orgs/{org}/elections/{id}/open`: draft → open. */
export default route(
  {
    operationId: 's2sOpenElection',
    method: 'POST',
    path: '/v1/s2s/orgs/:org/elections/:id/open',
    tag: 's2s',
    summary: 'Open an election',
    description:
      "draft → open, once per Idempotency-Key; with ballotMode, the election's mode from now on; with present, who " +
      'was present at the open (an election in a meeting), as counts, for the verdict at the seal.',
    access: 's2s',
    body: OpenRequest,
    example: { ballotMode: 'queue' },
    responses: { 200: OpenedAnswer },
    errors: ['unknown_election', 'invalid_transition', 'idempotency_conflict'],
  },
  (deps) =>
    async (c, { params, body }) =>
      idempotent(c, deps, async (tx) => {
        if (body.ballotMode) await setBallotMode(tx, params.id, body.ballotMode);
        if (body.present) await setPresent(tx, params.id, body.present);
        const was = await setStatus(tx, params.id, 'draft', 'open');
        if (was === undefined) throw new ApiError('unknown_election', 'unknown election');
        if (was !== 'draft') throw new ApiError('invalid_transition', `the election is ${was}, not draft`);
        return { status: 200 as const, body: { status: 'open' as const } };
      }),
);
