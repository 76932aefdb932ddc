import { registerTokens } from '../../../../shared/ballot_box/db/index.js';
import { RegisteredAnswer, RegisterTokens } from '../../../../schemas/s2s.js';
import { route } from '../../route.js';
import { changeTokens } from '../../tokenChange.js';

/**
 * `POST /v1/s2s/orgs/{org}/elections/{id}/tokens`: token hashes. Unlike the
 * other S2S changes it keeps no request record, because that record would
 * outlive the seal and, with it, a trace of the tokens.
 */
export default route(
  {
    operationId: 's2sRegisterTokens',
    method: 'POST',
    path: '/v1/s2s/orgs/:org/elections/:id/tokens',
    tag: 's2s',
    summary: 'Register voting-token hashes',
    description:
      'While the election is a draft or open: the hashes of the members who may vote, in the order sent (the registry ' +
      "shuffles them at open), with each token's units in a weighted election. Idempotent by the hashes themselves, " +
      'and keeps no request record.',
    access: 's2s',
    body: RegisterTokens,
    example: { tokenHashes: ['n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg'] },
    responses: { 200: RegisteredAnswer },
    errors: ['unknown_election', 'election_not_open'],
  },
  (deps) =>
    async (c, { params, body, caller }) => {
      const target = { orgId: caller.orgId, electionId: params.id, tokenHashes: body.tokenHashes };
      return {
        status: 200,
        body: await changeTokens(c, deps, target, (tx, id, hashes) => registerTokens(tx, id, hashes, body.units)),
      };
    },
);
