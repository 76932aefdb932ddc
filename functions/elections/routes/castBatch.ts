import { ApiError } from '../../../shared/common/http/index.js';
import { DomainError } from '../../../shared/common/domainError.js';
import { receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import { castBatch, tokenUnits } from '../../../shared/ballot_box/db/castBatch.js';
import { canonicalChoices } from '../../../shared/ballot_box/choices.js';
import { assignSplit } from '../../../shared/ballot_box/split.js';
import { CastBatchRequest, CastBatchResponse } from '../../../schemas/api.js';
import { asOverload } from '../overload.js';
import { namedElection } from '../namedElection.js';
import { route } from '../route.js';
import { castRefusal } from '../castRefusal.js';
import type { CachedElection } from '../definitionCache.js';
import type { ElectionsDeps } from '../deps.js';

/**
 * `POST /v1/elections/{id}/ballots/batch`: a proxy holder's (or a weighted
 * member's) ballots in one transaction, all or nothing, one receipt per
 * token: every token with the same choices, or a split of the units across
 * options (shared/ballot_box/split.ts). Always the fast path: the queue
 * fallback takes single ballots only. Safe to retry like a single cast.
 */
export default route(
  {
    operationId: 'castBatch',
    method: 'POST',
    path: '/v1/elections/:id/ballots/batch',
    tag: 'voting',
    summary: 'Cast several ballots at once',
    description:
      "The tokens in the body (not as Bearer): a proxy holder's own and their delegators', or a weighted bundle. " +
      'Every token with the same choices, or a split of their units across options ({"yes": 70, "no": 30}; elections ' +
      'of one choice a ballot). One transaction: every ballot is stored, or none (a token not valid, another token ' +
      'already cast with other choices, or one held by another request refuses the whole batch). One receipt per ' +
      'token, in the order given, with the choices its ballot holds. Safe to retry: the same batch answers 200 with ' +
      'the same receipts. Not queued under the fallback: 503 overloaded when the instance has no room.',
    access: 'ballots',
    body: CastBatchRequest,
    example: { tokens: ['n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg'], choices: ['yes'] },
    responses: { 201: CastBatchResponse, 200: CastBatchResponse },
    errors: [
      'invalid_choices',
      'invalid_token',
      'unknown_election',
      'already_voted',
      'election_not_open',
      'busy',
      'overloaded',
    ],
  },
  (deps) =>
    async (c, { params, body }) => {
      const election = await namedElection(c, deps, params.id);
      const hashes = body.tokens.map((t) => tokenHash(t));
      const choices = body.split
        ? await splitChoices(deps, election, hashes, body.split)
        : hashes.map(() => canonicalChoices(election, body.choices!));
      const ballots = body.tokens.map((token, i) => ({
        tokenHash: hashes[i]!,
        receipt: receiptFor(token),
        choices: choices[i]!,
      }));
      const cast = await deps.gate
        .run(() => castBatch(deps.sql, election.orgId, election.id, ballots))
        .catch(asOverload);
      if ('refused' in cast) throw castRefusal(cast.refused);
      return {
        status: cast.outcomes.every((o) => o === 'repeated') ? 200 : 201,
        body: { ballots: ballots.map((b) => ({ receipt: b.receipt, status: 'counted' as const, choices: b.choices })) },
      };
    },
);

/** Each token's option under the split, from the units the ballot box holds for it. */
async function splitChoices(
  deps: ElectionsDeps,
  election: CachedElection,
  hashes: Buffer[],
  split: Record<string, number>,
): Promise<string[][]> {
  if (election.maxChoices !== 1 || election.kind === 'ranked')
    throw new DomainError('invalid_choices', 'a split is for elections of one choice a ballot, not rankings');
  for (const option of Object.keys(split)) canonicalChoices(election, [option]);
  const units = await tokenUnits(deps.sql, election.orgId, election.id, hashes).catch(asOverload);
  const keys = hashes.map((h) => h.toString('hex'));
  if (keys.some((k) => !units.has(k)))
    throw new ApiError('invalid_token', 'a voting token is not valid for this election');
  const assigned = assignSplit(
    keys.map((key) => ({ key, units: units.get(key)! })),
    split,
  );
  if (!assigned)
    throw new DomainError(
      'invalid_choices',
      `the ballots' units (${keys.map((k) => units.get(k)).join(', ')}) cannot make this split`,
    );
  return keys.map((k) => [assigned.get(k)!]);
}
