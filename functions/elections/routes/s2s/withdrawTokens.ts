import { withdrawTokens } from '../../../../shared/ballot_box/db/index.js';
import { WithdrawnAnswer, WithdrawTokens } from '../../../../schemas/s2s.js';
import { route } from '../../route.js';
import { changeTokens } from '../../tokenChange.js';

/** `POST /v1/s2s/orgs/{org}/elections/{id}/tokens/withdraw`: idempotent, keeps no request record. */
export default route(
  {
    operationId: 's2sWithdrawTokens',
    method: 'POST',
    path: '/v1/s2s/orgs/:org/elections/:id/tokens/withdraw',
    tag: 's2s',
    summary: 'Withdraw voting-token hashes',
    description:
      'The hashes of members who are no longer eligible: unused ones are deleted (those tokens can no longer vote); one ' +
      'that has voted stays, and is counted in `used`. A cast holding a token is waited for.',
    access: 's2s',
    body: WithdrawTokens,
    example: { tokenHashes: ['n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg'] },
    responses: { 200: WithdrawnAnswer },
    errors: ['unknown_election', 'election_not_open'],
  },
  (deps) =>
    async (c, { params, body, caller }) => {
      const target = { orgId: caller.orgId, electionId: params.id, tokenHashes: body.tokenHashes };
      return { status: 200, body: await changeTokens(c, deps, target, withdrawTokens) };
    },
);
