import * as v from 'valibot';
import { ApiError, parseJson, readText, type App, header } from '../../../shared/common/http/index.js';
import { bearerToken } from '../../../shared/common/auth/index.js';
import { receiptFor, tokenHash, tokenPattern } from '../../../shared/common/crypto/index.js';
import { castBallot, type CastRow } from '../../../shared/ballot_box/db/index.js';
import { canonicalChoices } from '../../../shared/ballot_box/choices.js';
import { CastBallotRequest, Uuid, type CastBallotResponse } from '../../../schemas/api.js';
import { asOverload } from '../dbErrors.js';
import type { ElectionsDeps } from '../deps.js';

export type { CastBallotResponse };

/**
 * `POST /v1/elections/{id}/ballots`, the voter's token as Bearer. Safe to
 * retry: the same token with the same choices answers 200 with the same
 * receipt; with other choices, 409 already_voted.
 */
export function register(app: App, deps: ElectionsDeps): void {
  app.post('/v1/elections/:id/ballots', async (c) => {
    const token = bearerToken(header(c, 'authorization'));
    if (!token || !tokenPattern.test(token)) throw new ApiError('invalid_token', 'a voting token is required');
    const electionId = c.req.param('id');
    const body = parseJson(await readText(c), CastBallotRequest);
    const election =
      deps.definitions.cached(electionId) ??
      (v.is(Uuid, electionId) ? await deps.definitions.get(electionId).catch(asOverload) : undefined);
    if (!election) throw new ApiError('unknown_election', 'unknown election');
    c.set('orgId', election.orgId);

    const choices = canonicalChoices(election, body.choices);
    const receipt = receiptFor(token);
    let row: CastRow | undefined;
    try {
      row = await deps.gate.run(() =>
        castBallot(deps.sql, { orgId: election.orgId, electionId, tokenHash: tokenHash(token), receipt, choices }),
      );
    } catch (err) {
      asOverload(err);
    }
    const status = outcome(row, choices);
    const response: CastBallotResponse = { receipt, status: 'counted' };
    return c.json(response, status);
  });
}

function sameChoices(a: string[] | null, b: string[]): boolean {
  return !!a && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What the cast statement found, as the contract's answer. */
function outcome(row: CastRow | undefined, choices: string[]): 201 | 200 {
  if (!row) throw new ApiError('unknown_election', 'unknown election');
  if (row.inserted === 1) return 201;
  if (row.existing) {
    if (sameChoices(row.existing, choices)) return 200;
    throw new ApiError('already_voted', 'this token has already voted, with other choices');
  }
  if (row.status !== 'open' || !row.admitted)
    throw new ApiError('election_not_open', 'the election is not open for voting');
  if (row.wasUsed === null) throw new ApiError('invalid_token', 'the voting token is not valid for this election');
  // Spent by a cast that has not yet become visible: ask the client to retry.
  throw new ApiError('busy', 'this token is being used by another request; retry shortly', 1);
}
