import { ApiError, parseJson, readText, type App } from '../../../../shared/common/http/index.js';
import { defineRoute } from '../../../../shared/common/http/contract.js';
import { withTenant } from '../../../../shared/common/db/index.js';
import { withdrawTokens } from '../../../../shared/ballot_box/db/index.js';
import { WithdrawnAnswer, WithdrawTokens } from '../../../../schemas/s2s.js';
import { OrgId, Uuid } from '../../../../schemas/common.js';
import { beforeDeadline, msLeft, s2sElectionId } from '../../requireSignature.js';
import type { ElectionsDeps } from '../../deps.js';

export const contract = defineRoute({
  operationId: 's2sWithdrawTokens',
  method: 'POST',
  path: '/v1/s2s/orgs/:org/elections/:id/tokens/withdraw',
  tag: 's2s',
  summary: 'Withdraw voting-token hashes',
  description:
    'The hashes of members who are no longer eligible: unused ones are deleted (those tokens can no longer vote); one ' +
    'that has voted stays, and is counted in `used`. A cast holding a token is waited for.',
  access: 's2s',
  params: { org: OrgId, id: Uuid },
  body: WithdrawTokens,
  example: { tokenHashes: ['n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg'] },
  responses: { 200: WithdrawnAnswer },
  errors: ['unknown_election', 'election_not_open'],
});

/** `POST /v1/s2s/orgs/{org}/elections/{id}/tokens/withdraw`: idempotent, keeps no request record. */
export function register(app: App, deps: ElectionsDeps): void {
  app.post(contract.path, async (c) => {
    const { tokenHashes } = parseJson(await readText(c), WithdrawTokens);
    const result = await withTenant(
      deps.sql,
      c.req.param('org'),
      async (tx) => {
        const done = await withdrawTokens(
          tx,
          s2sElectionId(c),
          tokenHashes.map((h) => Buffer.from(h, 'base64url')),
        );
        beforeDeadline(c);
        return done;
      },
      msLeft(c),
    );
    if (result === 'unknown_election') throw new ApiError('unknown_election', 'unknown election');
    if (result === 'not_open') throw new ApiError('election_not_open', 'the election is closed');
    const body: WithdrawnAnswer = result;
    return c.json(body, 200);
  });
}
