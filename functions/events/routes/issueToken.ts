import * as v from 'valibot';
import type { Context } from 'hono';
import { ApiError, type App, type AppEnv } from '../../../shared/common/http/index.js';
import { issueToken, type Issuance } from '../../../shared/registry/db/index.js';
import { deriveToken, receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import { OrgId, TokenResponse, Uuid, orgIdPattern } from '../../../schemas/api.js';
import { authenticate } from '../auth.js';
import type { EventsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export type IssueTokenResponse = TokenResponse;

export const contract = defineRoute({
  operationId: 'issueToken',
  method: 'POST',
  path: '/v1/orgs/:org/elections/:id/token',
  tag: 'voting',
  summary: "The member's voting token",
  description:
    "An active member's voting token for the election, while it is a draft or open: derived from the election's secret and the subject, so asking again gives the same token (201 the first time, 200 after). The registry records only that the member was issued one; the ballot box gets only the token's hash.",
  access: 'voter',
  params: { org: OrgId, id: Uuid },
  responses: { 201: TokenResponse, 200: TokenResponse },
  errors: ['election_not_open', 'unavailable'],
});

/**
 * `POST /v1/orgs/{org}/elections/{id}/token`: an active member's voting
 * token, derived (never stored) from the election's secret and the member's
 * subject, so asking again gives the same token. The registry records only
 * that the member was issued one; no event is published per token (they are
 * counted at the seal, as ballots are).
 *
 * The ballot box learns the hashes of every member eligible at the open, all
 * at once (shared/registry/elections/open.ts), not when each asks. So on an
 * instance that holds the election's secret in memory, a request is one
 * statement (`registry.issue_token`): no ballot box call, no KMS call, one
 * round trip to PostgreSQL. The slower path, with no transaction open across
 * either call, is for the first request of an instance (the secret is
 * unwrapped by KMS) and for a member who became eligible after the open
 * (their hash is registered with the ballot box before the issuance is
 * recorded).
 */
export function register(app: App, deps: EventsDeps): void {
  app.post(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const orgId = c.req.param('org');
    if (!orgIdPattern.test(orgId)) throw new ApiError('not_found', 'unknown organisation');
    // A malformed id is an unknown election, said only to a member of the org (the member is checked first).
    const electionId = v.is(Uuid, c.req.param('id')) ? c.req.param('id') : noElection;
    const kept = deps.electionKeys.kept(orgId, electionId);
    const ask = (record: boolean, registered: boolean) =>
      issueToken(deps.sql, orgId, electionId, identity.subject, { record, registered });

    let issuance = allowed(c, await ask(kept !== undefined, false));
    let secret = kept;
    if (issuance.outcome === 'ready') {
      secret ??= await deps.electionKeys.unwrap(orgId, electionId, issuance.key);
      if (issuance.mustRegister) {
        const hash = tokenHash(deriveToken(secret, identity.subject)).toString('base64url');
        await deps.ballotBox.registerTokens(orgId, electionId, [hash]);
      }
      issuance = allowed(c, await ask(true, issuance.mustRegister));
    }
    if (issuance.outcome !== 'issued' || !secret) throw new Error('the issuance was not recorded');
    const token = deriveToken(secret, identity.subject);
    const response: IssueTokenResponse = { token, receipt: receiptFor(token) };
    return c.json(response, issuance.first ? 201 : 200);
  });
}

const noElection = '00000000-0000-0000-0000-000000000000';

/** The refusals, as the contract words them; what is left may go on. */
function allowed(c: Context<AppEnv>, issuance: Issuance): Extract<Issuance, { outcome: 'ready' | 'issued' }> {
  if (issuance.outcome === 'not_member') throw new ApiError('not_found', 'unknown organisation');
  c.set('orgId', c.req.param('org'));
  if (issuance.outcome === 'ready' || issuance.outcome === 'issued') return issuance;
  throw issuance.outcome === 'not_eligible'
    ? new ApiError('not_eligible', 'only active members may vote')
    : issuance.outcome === 'unknown_election'
      ? new ApiError('not_found', 'unknown election')
      : new ApiError('election_not_open', 'voting tokens are issued only before the election closes');
}
