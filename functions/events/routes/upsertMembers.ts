import { ApiError } from '../../../shared/common/http/index.js';
import { recordEvent, upsertMembers } from '../../../shared/registry/db/index.js';
import { finishWithdrawals } from '../../../shared/registry/elections/registrations.js';
import { UpsertMembersRequest, UpsertMembersResponse } from '../../../schemas/api.js';
import { route } from '../route.js';

/**
 * `PUT /v1/orgs/{org}/members`: roster import, an upsert by subject. The org
 * always keeps an active admin: a change that would remove the last one is
 * refused whole. The roster is written first, so a member made inactive is
 * refused tokens from that commit on; then their tokens in open elections
 * are withdrawn (shared/registry/elections/registrations.ts), with any
 * withdrawal an earlier change left unfinished. Should that fail, the answer
 * is 503 with the roster written, and a retry (or the lifecycle tick)
 * finishes the withdrawal.
 */
export default route(
  {
    operationId: 'upsertMembers',
    method: 'PUT',
    path: '/v1/orgs/:org/members',
    tag: 'organisations',
    summary: 'Import or update roster entries',
    description:
      'An upsert by subject, all or nothing: a change that would leave the organisation without an active admin is ' +
      'refused whole (409 last_admin), and so is one that breaks the proxy rules (400 invalid_delegation: a holder ' +
      'who is not an active member, or who delegates too). An omitted weight or delegateTo keeps the stored one ' +
      '(weight 1 and no proxy for new members); a delegation is taken up by each election opened while it stands. ' +
      'A member made ' +
      "inactive while an election is open is refused tokens from the write on and loses that election's voting " +
      'token (tokensWithdrawn); if it has already voted, the ballot stays counted and is reported in alreadyVoted ' +
      '(a count, which for a single member tells whether they voted, not how). A member made active while an ' +
      'election is open is registered for it by the next lifecycle tick (their token request answers ' +
      'registration_pending until then). 503 unavailable: the roster is written but a withdrawal could not be ' +
      'finished; retry (the lifecycle tick also finishes it).',
    access: 'admin',
    body: UpsertMembersRequest,
    example: { members: [{ subject: 'bob', role: 'member', status: 'active' }] },
    responses: { 200: UpsertMembersResponse },
    errors: ['invalid_delegation', 'last_admin', 'unavailable'],
  },
  (deps) =>
    async (_c, { body, caller }) => {
      const written = await caller.inOrg(async (tx) => {
        const written = await upsertMembers(tx, caller.orgId, body.members);
        if (written.delegationProblems.length)
          throw new ApiError('invalid_delegation', written.delegationProblems.join('; '));
        if (written.activeAdmins === 0)
          throw new ApiError('last_admin', 'the organisation must keep at least one active admin');
        await recordEvent(tx, caller.orgId, 'roster.imported', { upserted: written.upserted });
        return written;
      });
      deps.views.rosterChanged();
      const withdrawal = await finishWithdrawals(deps, caller.orgId);
      return { status: 200, body: { upserted: written.upserted, ...withdrawal } };
    },
);
