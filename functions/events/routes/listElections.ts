import { listElections } from '../../../shared/registry/db/index.js';
import { ElectionList } from '../../../schemas/api.js';
import { route } from '../route.js';
import { toSummary } from '../answers.js';

export default route(
  {
    operationId: 'listElections',
    method: 'GET',
    path: '/v1/orgs/:org/elections',
    tag: 'elections',
    summary: "List the org's elections",
    description:
      'For any active member: the elections past their draft, newest first (at most 200); an admin sees the drafts too. Without turnout: ask GET …/elections/{id} for it.',
    access: 'member',
    responses: { 200: ElectionList },
    errors: ['unavailable'],
  },
  () =>
    async (_c, { caller }) => {
      const rows = await caller.inOrg((tx, member) => listElections(tx, member.role === 'admin'));
      return { status: 200, body: { elections: rows.map(toSummary) } };
    },
);
