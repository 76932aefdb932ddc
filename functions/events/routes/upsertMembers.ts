import * as v from 'valibot';
import { ApiError, parseJson, readText, type App } from '../../../shared/common/http/index.js';
import {
  forgetRegistrations,
  goingInactive,
  openElectionKeys,
  recordEvent,
  upsertMembers,
} from '../../../shared/registry/db/index.js';
import { withdrawEligibility } from '../../../shared/registry/elections/withdraw.js';
import { OrgId, UpsertMembersRequest, UpsertMembersResponse as UpsertMembersAnswer } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import type { EventsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export type UpsertMembersResponse = v.InferOutput<typeof UpsertMembersAnswer>;

export const contract = defineRoute({
  operationId: 'upsertMembers',
  method: 'PUT',
  path: '/v1/orgs/:org/members',
  tag: 'organisations',
  summary: 'Import or update roster entries',
  description:
    'An upsert by subject, all or nothing: a change that would leave the organisation without an active admin is ' +
    'refused whole (409 last_admin). An omitted weight keeps the stored one (1 for new members). A member made ' +
    "inactive while an election is open loses that election's voting token (tokensWithdrawn); if it has already " +
    'voted, the ballot stays counted and is reported in alreadyVoted (a count, which for a single member tells ' +
    'whether they voted, not how).',
  access: 'admin',
  params: { org: OrgId },
  body: UpsertMembersRequest,
  example: { members: [{ subject: 'bob', role: 'member', status: 'active' }] },
  responses: { 200: UpsertMembersAnswer },
  errors: ['last_admin', 'unavailable'],
});

/**
 * `PUT /v1/orgs/{org}/members`: roster import, an upsert by subject. The org
 * always keeps an active admin: a change that would remove the last one is
 * refused whole. A member made inactive while an election is open loses
 * their token first (shared/registry/elections/withdraw.ts): read in one
 * transaction, withdrawn outside any, then the roster written in a second.
 * Should the write then fail, the member stays active and gets their token
 * registered again when they next ask for it.
 */
export function register(app: App, deps: EventsDeps): void {
  app.put(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const text = await readText(c);
    const orgId = c.req.param('org');
    const { body, leaving, elections } = await inOrg(c, deps, identity, 'admin', async (tx) => {
      const body = parseJson(text, UpsertMembersRequest);
      const leaving = await goingInactive(
        tx,
        body.members.filter((m) => m.status === 'inactive').map((m) => m.subject),
      );
      // Off the registered lists before the withdrawal: should the roster write fail, they are registered anew.
      await forgetRegistrations(
        tx,
        leaving.map((subject) => ({ subject, status: 'inactive' })),
      );
      return { body, leaving, elections: leaving.length ? await openElectionKeys(tx) : [] };
    });
    const withdrawal = await withdrawEligibility(deps, orgId, leaving, elections);
    const result = await inOrg(c, deps, identity, 'admin', async (tx) => {
      await forgetRegistrations(tx, body.members);
      const written = await upsertMembers(tx, orgId, body.members);
      if (written.activeAdmins === 0)
        throw new ApiError('last_admin', 'the organisation must keep at least one active admin');
      await recordEvent(tx, orgId, 'roster.imported', { upserted: written.upserted, ...withdrawal });
      return written;
    });
    const response: UpsertMembersResponse = { upserted: result.upserted, ...withdrawal };
    return c.json(response, 200);
  });
}
