import { ownDelegation } from '../../../shared/registry/db/index.js';
import { OwnDelegation } from '../../../schemas/api.js';
import { route } from '../route.js';

/** `GET /v1/orgs/{org}/me/delegation`: the caller's own standing proxy, or null. */
export default route(
  {
    operationId: 'getDelegation',
    method: 'GET',
    path: '/v1/orgs/:org/me/delegation',
    tag: 'members',
    summary: 'My proxy',
    description:
      'For an active member: the member their vote goes to in elections opened while it stands, or null (they vote ' +
      'themselves). Set or clear it with PUT.',
    access: 'member',
    responses: { 200: OwnDelegation },
    errors: ['unavailable'],
  },
  () =>
    async (_c, { caller }) => ({
      status: 200,
      body: { delegateTo: await caller.inOrg((tx, member) => ownDelegation(tx, caller.orgId, member.subject)) },
    }),
);
