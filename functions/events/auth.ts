/**
 * Access rules of the events function. The operator key bootstraps orgs.
 * Everything else runs as a roster member: the JWT names the subject, the
 * org's roster gives the role. Someone not on an org's roster learns nothing
 * about it (404); a member on an admin route gets 403.
 */
import type { Context } from 'hono';
import { ApiError, type AppEnv, header } from '../../shared/common/http/index.js';
import { bearerToken, isOperatorKey, type Identity } from '../../shared/common/auth/index.js';
import { withTenant, type Tx } from '../../shared/common/db/index.js';
import { findMember, type MemberRow } from '../../shared/registry/db/index.js';
import { orgIdPattern } from '../../schemas/api.js';
import type { EventsDeps } from './deps.js';

export function requireOperator(c: Context<AppEnv>, deps: EventsDeps): void {
  const key = bearerToken(header(c, 'authorization'));
  if (!key || !isOperatorKey(key, deps.config.operatorKey)) {
    throw new ApiError('unauthenticated', 'a valid operator key is required');
  }
}

/** `voter`: any active member, and an inactive one is told `not_eligible`. */
export type Need = 'member' | 'admin' | 'voter';

/** Verifies the caller's JWT before anything else is read; 401 when it does not hold. */
export async function authenticate(c: Context<AppEnv>, deps: EventsDeps): Promise<Identity> {
  const jwt = bearerToken(header(c, 'authorization'));
  const identity = jwt ? await deps.verifyIdentity(jwt) : undefined;
  if (!identity) throw new ApiError('unauthenticated', 'a valid identity token is required');
  return identity;
}

/**
 * Runs `work` in one tenant transaction after checking the caller's roster
 * entry, so the role check and the change it guards see the same roster.
 */
export function inOrg<T>(
  c: Context<AppEnv>,
  deps: EventsDeps,
  identity: Identity,
  need: Need,
  work: (tx: Tx, member: MemberRow) => Promise<T>,
): Promise<T> {
  const orgId = c.req.param('org') ?? '';
  if (!orgIdPattern.test(orgId)) throw new ApiError('not_found', 'unknown organisation');
  return withTenant(deps.sql, orgId, async (tx) => {
    const member = await findMember(tx, identity.subject);
    if (!member) throw new ApiError('not_found', 'unknown organisation');
    c.set('orgId', orgId);
    if (member.status !== 'active') {
      throw need === 'voter'
        ? new ApiError('not_eligible', 'only active members may vote')
        : new ApiError('forbidden', 'your membership is not active');
    }
    if (need === 'admin' && member.role !== 'admin')
      throw new ApiError('forbidden', 'this needs an admin of the organisation');
    return work(tx, member);
  });
}
