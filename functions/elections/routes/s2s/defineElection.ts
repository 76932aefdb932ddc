import { ApiError } from '../../../../shared/common/http/index.js';
import { upsertElection } from '../../../../shared/ballot_box/db/index.js';
import { DefinedAnswer, ElectionDefinition } from '../../../../schemas/s2s.js';
import { idempotent } from '../../idempotent.js';
import { route } from '../../route.js';

/**
 * `PUT /v1/s2s/orgs/{org}/elections/{id}`: registers a draft's definition; the open sends it again with the
 * registry's revision, which replaces it only while a draft and only if higher (an edited draft).
 */
export default route(
  {
    operationId: 's2sDefineElection',
    method: 'PUT',
    path: '/v1/s2s/orgs/:org/elections/:id',
    tag: 's2s',
    summary: "Register a draft's definition",
    description:
      'Kind, option ids and maximum choices. The same again is 200; a different one is 200 only for a draft and ' +
      'with a higher revision than the one held (an edited draft, sent by its open), else 409.',
    access: 's2s',
    body: ElectionDefinition,
    example: { kind: 'yes_no_abstain', optionIds: ['yes', 'no', 'abstain'], maxChoices: 1 },
    responses: { 201: DefinedAnswer, 200: DefinedAnswer },
    errors: ['unknown_election', 'definition_conflict', 'idempotency_conflict'],
  },
  (deps) =>
    async (c, { params, body, caller }) =>
      idempotent(c, deps, async (tx) => {
        const result = await upsertElection(tx, caller.orgId, params.id, body);
        if (result === 'different')
          throw new ApiError('definition_conflict', 'this election is already defined differently');
        return { status: result === 'created' ? 201 : 200, body: { id: params.id, status: 'draft' as const } };
      }),
);
