import { rosterSummary } from '../../../shared/registry/db/index.js';
import { RosterSummary } from '../../../schemas/api.js';
import { route } from '../route.js';

/** `GET /v1/orgs/{org}/roster`: what the chair's page shows of weights and proxies before a vote. */
export default route(
  {
    operationId: 'getRoster',
    method: 'GET',
    path: '/v1/orgs/:org/roster',
    tag: 'organisations',
    summary: "The roster's weights and proxies",
    description:
      'For an admin: the active members and their units together, the members weighing more than 1 (the heaviest ' +
      '200) and the standing delegations (the first 500, by holder); the counts are whole. A delegation is taken ' +
      'up by each election opened while it stands (docs/secrecy.md, "Proxies").',
    access: 'admin',
    responses: { 200: RosterSummary },
    errors: ['unavailable'],
  },
  () =>
    async (_c, { caller }) => ({ status: 200, body: await caller.inOrg((tx) => rosterSummary(tx)) }),
);
