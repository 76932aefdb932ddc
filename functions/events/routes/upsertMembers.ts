import * as v from 'valibot';
import { ApiError, parseJson, readText, type App } from '../../../shared/common/http/index.js';
import { recordEvent, upsertMembers } from '../../../shared/registry/db/index.js';
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
    'An upsert by subject, all or nothing: a change that would leave the organisation without an active admin is refused whole (409 last_admin). An omitted weight keeps the stored one (1 for new members).',
  access: 'admin',
  params: { org: OrgId },
  body: UpsertMembersRequest,
  example: { members: [{ subject: 'bob', role: 'member', status: 'active' }] },
  responses: { 200: UpsertMembersAnswer },
  errors: ['last_admin'],
});

/**
 * `PUT /v1/orgs/{org}/members`: roster import, an upsert by subject. The org
 * always keeps an active admin: a change that would remove the last one is
 * refused whole.
 */
export function register(app: App, deps: EventsDeps): void {
  app.put(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const text = await readText(c);
    const result = await inOrg(c, deps, identity, 'admin', async (tx) => {
      const body = parseJson(text, UpsertMembersRequest);
      const written = await upsertMembers(tx, c.req.param('org'), body.members);
      if (written.activeAdmins === 0)
        throw new ApiError('last_admin', 'the organisation must keep at least one active admin');
      await recordEvent(tx, c.req.param('org'), 'roster.imported', { upserted: written.upserted });
      return written;
    });
    const response: UpsertMembersResponse = { upserted: result.upserted };
    return c.json(response, 200);
  });
}
