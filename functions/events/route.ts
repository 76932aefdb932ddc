/**
 * The events function's `route` (shared/common/http/route.ts) and its
 * access rules. The operator key bootstraps orgs. Everything else runs as a
 * roster member: the JWT names the subject (checked before anything of the
 * request is read), the org's roster gives the role. Someone not on an org's
 * roster learns nothing about it (404); a member on an admin route gets 403,
 * an inactive member on a vote 403 not_eligible. The roster check runs in
 * the tenant transaction of the work it guards (`caller.inOrg`), so the
 * check and the change see the same roster; the token route's one statement
 * reads the roster itself and settles the check with what it found.
 */
import type { Context } from 'hono';
import { ApiError, type AppEnv, header } from '../../shared/common/http/index.js';
import { routesFor, type Deferred } from '../../shared/common/http/route.js';
import { bearerToken, isOperatorKey, type Identity } from '../../shared/common/auth/index.js';
import { withTenant, type Tx } from '../../shared/common/db/index.js';
import { findMember, type MemberRow } from '../../shared/registry/db/index.js';
import type { EventsDeps } from './deps.js';

type Need = 'member' | 'admin' | 'voter';

export type MemberCaller = Deferred & {
  identity: Identity;
  orgId: string;
  /** Checks the caller's roster entry, then runs `work` in the same tenant transaction. */
  inOrg<T>(work: (tx: Tx, member: MemberRow) => Promise<T>): Promise<T>;
  /**
   * The check, from the caller's roster entry as a statement of the route already read it (the token route's
   * one read): refuses as inOrg would. Undefined: not on the roster.
   */
  settle(entry: Pick<MemberRow, 'status'> & Partial<Pick<MemberRow, 'role'>>): void;
  settle(entry: undefined): never;
};

async function authenticate(c: Context<AppEnv>, deps: EventsDeps): Promise<Identity> {
  const jwt = bearerToken(header(c, 'authorization'));
  const identity = jwt ? await deps.verifyIdentity(jwt) : undefined;
  if (!identity) throw new ApiError('unauthenticated', 'a valid identity token is required');
  return identity;
}

function memberCaller(c: Context<AppEnv>, deps: EventsDeps, identity: Identity, need: Need): MemberCaller {
  const caller = {
    checked: false,
    identity,
    get orgId() {
      return c.req.param('org')!;
    },
    settle(entry: (Pick<MemberRow, 'status'> & Partial<Pick<MemberRow, 'role'>>) | undefined) {
      if (!entry) throw new ApiError('not_found', 'unknown organisation');
      c.set('orgId', caller.orgId);
      if (entry.status !== 'active')
        throw need === 'voter'
          ? new ApiError('not_eligible', 'only active members may vote')
          : new ApiError('forbidden', 'your membership is not active');
      if (need === 'admin' && entry.role !== 'admin')
        throw new ApiError('forbidden', 'this needs an admin of the organisation');
      caller.checked = true;
    },
    inOrg<T>(work: (tx: Tx, member: MemberRow) => Promise<T>): Promise<T> {
      return withTenant(deps.sql, caller.orgId, async (tx) => {
        const member = await findMember(tx, identity.subject);
        caller.settle(member);
        return work(tx, member!);
      });
    },
  };
  return caller as MemberCaller;
}

const asMember = (need: Need) => async (c: Context<AppEnv>, deps: EventsDeps) =>
  memberCaller(c, deps, await authenticate(c, deps), need);

export const route = routesFor<
  EventsDeps,
  {
    operator: Record<string, never>;
    signedIn: { identity: Identity };
    admin: MemberCaller;
    member: MemberCaller;
    voter: MemberCaller;
  }
>({
  checks: {
    operator: (c, deps) => {
      const key = bearerToken(header(c, 'authorization'));
      if (!key || !isOperatorKey(key, deps.config.operatorKey))
        throw new ApiError('unauthenticated', 'a valid operator key is required');
      return {};
    },
    signedIn: async (c, deps) => ({ identity: await authenticate(c, deps) }),
    admin: asMember('admin'),
    member: asMember('member'),
    voter: asMember('voter'),
  },
  malformed: {
    org: { code: 'not_found', message: 'unknown organisation' },
    id: { code: 'not_found', message: 'unknown election' },
  },
});
