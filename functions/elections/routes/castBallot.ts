import * as v from 'valibot';
import { ApiError, parseJson, readText, type App, header } from '../../../shared/common/http/index.js';
import { bearerToken } from '../../../shared/common/auth/index.js';
import { receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import { base64Url32Pattern } from '../../../schemas/common.js';
import { castBallot, type CastOutcome } from '../../../shared/ballot_box/db/index.js';
import { canonicalChoices } from '../../../shared/ballot_box/choices.js';
import {
  CastBallotRequest,
  CastBallotResponse as CastBallotAnswer,
  Uuid,
  type CastBallotResponse,
} from '../../../schemas/api.js';
import { asOverload } from '../overload.js';
import type { ElectionsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export type { CastBallotResponse };

export const contract = defineRoute({
  operationId: 'castBallot',
  method: 'POST',
  path: '/v1/elections/:id/ballots',
  tag: 'voting',
  summary: 'Cast a ballot',
  description:
    "The voter's token as Bearer. One statement, one transaction: the token is spent and the ballot stored, or nothing. Safe to retry: the same token with the same choices answers 200 with the same receipt; with other choices, 409 already_voted. 423 busy when another request holds the token, 503 overloaded when the instance has no room: retry after Retry-After with jitter.",
  access: 'ballot',
  params: { id: Uuid },
  body: CastBallotRequest,
  example: { choices: ['yes'] },
  responses: { 201: CastBallotAnswer, 200: CastBallotAnswer },
  errors: ['invalid_choices', 'unknown_election', 'already_voted', 'election_not_open', 'busy', 'overloaded'],
});

/**
 * `POST /v1/elections/{id}/ballots`, the voter's token as Bearer. Safe to
 * retry: the same token with the same choices answers 200 with the same
 * receipt; with other choices, 409 already_voted.
 */
export function register(app: App, deps: ElectionsDeps): void {
  app.post(contract.path, async (c) => {
    const token = bearerToken(header(c, 'authorization'));
    if (!token || !base64Url32Pattern.test(token)) throw new ApiError('invalid_token', 'a voting token is required');
    const electionId = c.req.param('id');
    const body = parseJson(await readText(c), CastBallotRequest);
    const election =
      deps.definitions.cached(electionId) ??
      (v.is(Uuid, electionId) ? await deps.definitions.get(electionId).catch(asOverload) : undefined);
    if (!election) throw new ApiError('unknown_election', 'unknown election');
    c.set('orgId', election.orgId);

    const choices = canonicalChoices(election, body.choices);
    const receipt = receiptFor(token);
    let outcome: CastOutcome;
    try {
      outcome = await deps.gate.run(() =>
        castBallot(deps.sql, { orgId: election.orgId, electionId, tokenHash: tokenHash(token), receipt, choices }),
      );
    } catch (err) {
      asOverload(err);
    }
    const response: CastBallotResponse = { receipt, status: 'counted' };
    return c.json(response, statusOf(outcome));
  });
}

/** What the cast found, as the contract's answer. */
function statusOf(outcome: CastOutcome): 201 | 200 {
  switch (outcome) {
    case 'counted':
      return 201;
    case 'repeated':
      return 200;
    case 'already_voted':
      throw new ApiError('already_voted', 'this token has already voted, with other choices');
    case 'not_open':
      throw new ApiError('election_not_open', 'the election is not open for voting');
    case 'invalid_token':
      throw new ApiError('invalid_token', 'the voting token is not valid for this election');
    case 'busy':
      throw new ApiError('busy', 'this token is being used by another request; retry shortly');
    case 'unknown_election':
      throw new ApiError('unknown_election', 'unknown election');
  }
}
