import { ApiError, type App } from '../../../shared/common/http/index.js';
import { withTenant } from '../../../shared/common/db/index.js';
import { electionKey, recordEvent, recordIssuance } from '../../../shared/registry/db/index.js';
import { deriveToken, receiptFor, tokenHash } from '../../../shared/common/crypto/index.js';
import { OrgId, TokenResponse, Uuid } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { electionIn } from '../electionIn.js';
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
 * subject, so asking again gives the same token. Its hash reaches the
 * ballot box at the open, with every eligible member's (shared/registry/elections/open.ts),
 * not when the member asks; the registry records only that the member was
 * issued one.
 */
export function register(app: App, deps: EventsDeps): void {
  app.post(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const orgId = c.req.param('org');
    const electionId = c.req.param('id');
    const { stored, status } = await inOrg(c, deps, identity, 'voter', async (tx) => {
      const election = await electionIn(tx, electionId);
      const key =
        election.status === 'draft' || election.status === 'open' ? await electionKey(tx, electionId) : undefined;
      if (!key || key.shreddedAt) {
        throw new ApiError('election_not_open', 'voting tokens are issued only before the election closes');
      }
      return { stored: key, status: election.status };
    });
    // From memory after the first token of the election: no KMS call per token.
    const secret = await deps.electionKeys.unwrap(orgId, electionId, stored);
    const token = deriveToken(secret, identity.subject);
    // Members active at the open were registered then, all at once and shuffled: for them this is a no-op that
    // writes nothing. It registers a member who became eligible after the open (docs/threat-model.md).
    if (status === 'open')
      await deps.ballotBox.registerTokens(orgId, electionId, [tokenHash(token).toString('base64url')]);
    const first = await withTenant(deps.sql, orgId, async (tx) => {
      const issued = await recordIssuance(tx, orgId, electionId, identity.subject);
      if (issued) await recordEvent(tx, orgId, 'token.issued', { electionId, subject: identity.subject });
      return issued;
    });
    const response: IssueTokenResponse = { token, receipt: receiptFor(token) };
    return c.json(response, first ? 201 : 200);
  });
}
