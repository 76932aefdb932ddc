import type { App } from '../../../shared/common/http/index.js';
import { listElections } from '../../../shared/registry/db/index.js';
import { ElectionList, OrgId } from '../../../schemas/api.js';
import type { EventsDeps } from '../deps.js';
import { route } from '../route.js';
import { toSummary } from '../answers.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export const contract = defineRoute({
  operationId: 'listElections',
  method: 'GET',
  path: '/v1/orgs/:org/elections',
  tag: 'elections',
  summary: "List the org's elections",
  description:
    'For any active member: the elections past their draft, newest first (at most 200); an admin sees the drafts too. Without turnout: ask GET …/elections/{id} for it.',
  access: 'member',
  params: { org: OrgId },
  responses: { 200: ElectionList },
  errors: ['unavailable'],
});

export function register(app: App, deps: EventsDeps): void {
  route(app, deps, contract, async (_c, { caller }) => {
    const rows = await caller.inOrg((tx, member) => listElections(tx, member.role === 'admin'));
    return { status: 200, body: { elections: rows.map(toSummary) } };
  });
}
