import { orgRules } from '../../../shared/registry/db/index.js';
import { OrgRules } from '../../../schemas/api.js';
import { route } from '../route.js';

/** `GET /v1/orgs/{org}/rules`: the org's default rules, or null. */
export default route(
  {
    operationId: 'getOrgRules',
    method: 'GET',
    path: '/v1/orgs/:org/rules',
    tag: 'orgs',
    summary: "The organisation's default rules",
    description:
      'For an active member: the rules an election of the organisation is decided by when it gives none and its ' +
      'meeting has none (docs/rules.md); null: counts only.',
    access: 'member',
    responses: { 200: OrgRules },
    errors: ['unavailable'],
  },
  () =>
    async (_c, { caller }) => ({ status: 200, body: { rules: await caller.inOrg((tx) => orgRules(tx)) } }),
);
