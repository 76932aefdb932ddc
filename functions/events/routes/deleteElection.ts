import { ApiError } from '../../../shared/common/http/index.js';
import { deleteDraft, noteDefinition, recordEvent } from '../../../shared/registry/db/index.js';
import { DeletedElection } from '../../../schemas/api.js';
import { route } from '../route.js';

/**
 * `DELETE /v1/orgs/{org}/elections/{id}`: a draft nobody will open, gone
 * with its wrapped key in one transaction, until an open begins. The
 * ballot box's copy of its definition is inert (nothing can open it but the
 * registry, which no longer knows the id): the transaction notes it, and
 * the lifecycle sweep has the ballot box forget it (forgetUnrecorded). The
 * key version is destroyed after the commit; a failure there is logged.
 */
export default route(
  {
    operationId: 'deleteElection',
    method: 'DELETE',
    path: '/v1/orgs/:org/elections/:id',
    tag: 'elections',
    summary: 'Delete a draft',
    description:
      'Deletes a draft that was never opened, with its token secret: an open (or one begun) is 409 ' +
      'invalid_transition. Deleting it again is 404.',
    access: 'admin',
    responses: { 200: DeletedElection },
    errors: ['invalid_transition', 'unavailable'],
  },
  (deps) =>
    async (c, { params, caller }) => {
      const deleted = await caller.inOrg(async (tx) => {
        const deleted = await deleteDraft(tx, params.id);
        if (!deleted) throw new ApiError('not_found', 'unknown election');
        if (deleted === 'not_draft') throw new ApiError('invalid_transition', 'only a draft can be deleted');
        await noteDefinition(tx, caller.orgId, params.id);
        await recordEvent(tx, caller.orgId, 'election.deleted', { electionId: params.id });
        return deleted;
      });
      deps.electionKeys.forget(caller.orgId, params.id);
      if (deleted.keyVersion)
        await deps.electionKeys
          .destroy(deleted.keyVersion)
          .catch((err: unknown) => c.get('log').warn({ err }, "a deleted draft's key version was not destroyed"));
      return { status: 200, body: { id: params.id, deleted: true as const } };
    },
);
