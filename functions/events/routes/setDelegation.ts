import { ApiError } from '../../../shared/common/http/index.js';
import { recordEvent, setOwnDelegation } from '../../../shared/registry/db/index.js';
import { OwnDelegation } from '../../../schemas/api.js';
import { route } from '../route.js';

/** `PUT /v1/orgs/{org}/me/delegation`: an active member hands their vote to another, or takes it back. */
export default route(
  {
    operationId: 'setDelegation',
    method: 'PUT',
    path: '/v1/orgs/:org/me/delegation',
    tag: 'members',
    summary: 'Hand my vote to a proxy, or take it back',
    description:
      'For an active member: {"delegateTo": subject} hands their vote to that member in every election opened while ' +
      'it stands (an election already open keeps what stood at its open); {"delegateTo": null} takes it back. The ' +
      'rules of the roster import hold (400 invalid_delegation): one level, an active holder, not oneself. The ' +
      "answer is what now stands. While a vote of the org is open, 409 invalid_transition: a member's own change, " +
      'written during a vote, would date their presence beside the ballots (docs/secrecy.md, "Proxies").',
    access: 'member',
    body: OwnDelegation,
    example: { delegateTo: 'carol' },
    responses: { 200: OwnDelegation },
    errors: ['invalid_delegation', 'invalid_transition', 'unavailable'],
  },
  (deps) =>
    async (_c, { body, caller }) => {
      await caller.inOrg(async (tx, member) => {
        const problems = await setOwnDelegation(tx, caller.orgId, member.subject, body.delegateTo);
        if (problems === 'vote_open')
          throw new ApiError('invalid_transition', 'a vote is open: change your proxy once it has closed');
        if (problems.length) throw new ApiError('invalid_delegation', problems.join('; '));
        // The event says that a delegation changed, not whose or to whom.
        await recordEvent(tx, caller.orgId, 'delegation.changed', {});
      });
      deps.views.rosterChanged();
      return { status: 200, body: { delegateTo: body.delegateTo } };
    },
);
