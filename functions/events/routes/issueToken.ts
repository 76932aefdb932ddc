import { ApiError } from '../../../shared/common/http/index.js';
import { tokenRequest } from '../../../shared/registry/db/index.js';
import { memberTokens, type MemberToken } from '../../../shared/registry/elections/memberTokens.js';
import { TokenResponse } from '../../../schemas/api.js';
import { route } from '../route.js';

/**
 * `POST /v1/orgs/{org}/elections/{id}/token`: an active member's voting
 * token, derived (never stored) from the election's secret and the member's
 * subject, so asking again gives the same token.
 *
 * The request only reads (`registry.token_request`, one statement) and
 * answers: it writes no row, no flag and no event, so nothing in the
 * database, its WAL or a backup dates a member's request and pairs it with
 * the ballot they cast a moment later. The ballot box learned the hashes of
 * every member eligible at the open, all at once (shared/registry/elections/open.ts);
 * members who become eligible later are registered by the lifecycle tick
 * (registrations.ts). On an instance that holds the election's secret in
 * memory, a request is that one statement; the first request of an instance
 * unwraps the secret with KMS, outside any transaction. An instance that
 * finds the election over forgets the secret.
 */
export default route(
  {
    operationId: 'issueToken',
    method: 'POST',
    path: '/v1/orgs/:org/elections/:id/token',
    tag: 'voting',
    summary: "The member's voting token",
    description:
      "An active member's voting token for the election, while it is a draft or open: derived from the election's " +
      'secret and the subject, so asking again gives the same token (200 every time). In a weighted election, from ' +
      "its open: every token of the member's bundle, each with its units, in tokens (cast each with the same " +
      'choices). Nothing is written: the ' +
      "ballot box got the hash of every eligible member's token at the open, in one shuffled batch. Fetch it ahead " +
      'of the cast (when the election is known to be open), never in the click that casts. 409 ' +
      'registration_pending: the member became eligible after the open and is registered by the next lifecycle ' +
      'tick, or a weighted election is not open yet (its bundles are made at the open); retry after Retry-After. ' +
      'A proxy: the holder is also given, in proxies, the tokens of each member whose delegation stood at the open; ' +
      'such a member is refused (409 held_by_proxy).',
    access: 'voter',
    responses: { 200: TokenResponse },
    errors: ['election_not_open', 'registration_pending', 'held_by_proxy', 'unavailable'],
  },
  (deps) =>
    async (_c, { params, caller }) => {
      const { orgId } = caller;
      const request = await tokenRequest(deps.sql, orgId, params.id, caller.identity.subject);
      // The statement read the caller's roster entry: the voter check is settled with what it found.
      if (request.outcome === 'not_member') return caller.settle(undefined);
      caller.settle({ status: request.outcome === 'not_eligible' ? 'inactive' : 'active' });
      if (request.outcome === 'not_open') deps.electionKeys.forget(orgId, params.id);
      if (request.outcome !== 'ready') throw refusal[request.outcome]();
      const [own, ...held] = await deps.electionKeys.withKey(orgId, params.id, request.key, (k) =>
        [{ subject: caller.identity.subject, units: request.units }, ...request.held].map((m) => ({
          subject: m.subject,
          ...answer(memberTokens(k, m), m.units !== null),
        })),
      );
      const { subject: _, ...mine } = own!;
      return { status: 200, body: { ...mine, ...(held.length ? { proxies: held } : {}) } };
    },
);

/** A member's tokens as the answer gives them: the first as token and receipt, a weighted bundle in tokens. */
function answer(tokens: MemberToken[], weighted: boolean) {
  const [first] = tokens;
  return { token: first!.token, receipt: first!.receipt, ...(weighted ? { tokens } : {}) };
}

/** The refusals, as the contract words them. */
const refusal = {
  not_eligible: () => new ApiError('not_eligible', 'only active members may vote'),
  held_by_proxy: () =>
    new ApiError('held_by_proxy', 'your vote in this election is cast by the member you delegated it to'),
  unknown_election: () => new ApiError('not_found', 'unknown election'),
  not_open: () => new ApiError('election_not_open', 'voting tokens are issued only before the election closes'),
  pending: () =>
    new ApiError(
      'registration_pending',
      'your token is not registered yet (you became eligible after the vote opened, or a weighted vote is not ' +
        'open yet); retry shortly',
    ),
};
