import { ApiError } from '../../../shared/common/http/index.js';
import { activeMembers, editDraft, recordEvent } from '../../../shared/registry/db/index.js';
import { ballotLayout } from '../../../shared/registry/elections/ballotLayout.js';
import { electionRules } from '../../../shared/registry/elections/rules.js';
import { CreateElectionRequest, Election } from '../../../schemas/api.js';
import { route } from '../route.js';
import { toElection } from '../answers.js';
import { checkSchedule, unknownMeeting } from './createElection.js';

/**
 * `PUT /v1/orgs/{org}/elections/{id}`: the chair replaces a draft (a wrong
 * option, a new schedule) in one transaction, until an open begins. Only the
 * registry changes: the ballot box is told the definition again by the
 * open, with the revision this raises (shared/registry/elections/open.ts),
 * so no network call waits here and none can leave the two sides apart.
 */
export default route(
  {
    operationId: 'editElection',
    method: 'PUT',
    path: '/v1/orgs/:org/elections/:id',
    tag: 'elections',
    summary: 'Edit a draft',
    description:
      'Replaces a draft whole (the same body as its creation), until it is opened: an open (or one begun) is 409 ' +
      'invalid_transition. The same request again is answered the same. The ballot box learns the edited ' +
      'definition at the open.',
    access: 'admin',
    body: CreateElectionRequest,
    example: { title: 'Approve the amended budget', kind: 'yes_no_abstain' },
    responses: { 200: Election },
    errors: ['invalid_transition', 'unknown_meeting', 'unavailable'],
  },
  () =>
    async (_c, { params, body, caller }) => {
      checkSchedule(body.opensAt, body.closesAt);
      const layout = ballotLayout(body);
      const { row, eligible } = await caller.inOrg(async (tx) => {
        const rules = await electionRules(tx, body);
        const row = await editDraft(tx, { ...body, ...layout, rules, id: params.id });
        if (!row) throw new ApiError('not_found', 'unknown election');
        if (row === 'not_draft') throw new ApiError('invalid_transition', 'only a draft can be edited');
        if (row === 'unknown_meeting') throw unknownMeeting();
        await recordEvent(tx, caller.orgId, 'election.edited', {
          electionId: row.id,
          kind: row.kind,
          revision: row.revision,
        });
        return { row, eligible: await activeMembers(tx) };
      });
      return { status: 200, body: toElection(row, { eligible, ballotsCast: 0 }) };
    },
);
