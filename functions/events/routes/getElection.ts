import { activeMembers } from '../../../shared/registry/db/index.js';
import { Election, type ElectionResults } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import { route } from '../route.js';
import { toElection } from '../answers.js';

/**
 * `GET /v1/orgs/{org}/elections/{id}`: the election and its turnout, for any
 * active member. Ballots and eligible members are counted by the ballot box
 * (the tokens registered): asked over S2S while voting runs, taken from the
 * stored results once sealed; a draft's eligible members are the org's
 * active members now.
 */
export default route(
  {
    operationId: 'getElection',
    method: 'GET',
    path: '/v1/orgs/:org/elections/:id',
    tag: 'elections',
    summary: 'Read an election and its turnout',
    description:
      'For any active member: the election, the members eligible and the ballots cast (a draft: the active members now; asked of the ballot box while voting runs; from the stored results once sealed).',
    access: 'member',
    responses: { 200: Election },
    errors: ['unavailable'],
  },
  (deps) =>
    async (_c, { params, caller }) => {
      const { row, active } = await caller.inOrg(async (tx) => {
        const row = await namedElection(tx, params.id);
        return { row, active: row.status === 'draft' ? await activeMembers(tx) : 0 };
      });
      const results = row.results as ElectionResults | null;
      const turnout =
        row.status === 'draft'
          ? { eligible: active, ballotsCast: 0 }
          : row.status === 'sealed' && results
            ? { eligible: results.eligible, ballotsCast: results.ballotsCast }
            : await deps.ballotBox.turnout(caller.orgId, row.id);
      return { status: 200, body: toElection(row, { eligible: turnout.eligible, ballotsCast: turnout.ballotsCast }) };
    },
);
