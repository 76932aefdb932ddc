import { ApiError, parseJson, readText, type App } from '../../../../shared/common/http/index.js';
import { upsertElection } from '../../../../shared/ballot_box/db/index.js';
import { DefinedAnswer, ElectionDefinition } from '../../../../schemas/s2s.js';
import { OrgId, Uuid } from '../../../../schemas/common.js';
import { idempotent } from '../../idempotent.js';
import type { ElectionsDeps } from '../../deps.js';
import { defineRoute } from '../../../../shared/common/http/contract.js';
import { s2sElectionId } from '../../requireSignature.js';

export const contract = defineRoute({
  operationId: 's2sDefineElection',
  method: 'PUT',
  path: '/v1/s2s/orgs/:org/elections/:id',
  tag: 's2s',
  summary: "Register a draft's definition",
  description:
    'Kind, option ids and maximum choices, fixed once registered: the same again is 200, a different one 409.',
  access: 's2s',
  params: { org: OrgId, id: Uuid },
  body: ElectionDefinition,
  example: { kind: 'yes_no_abstain', optionIds: ['yes', 'no', 'abstain'], maxChoices: 1 },
  responses: { 201: DefinedAnswer, 200: DefinedAnswer },
  errors: ['unknown_election', 'definition_conflict', 'idempotency_conflict'],
});

/** `PUT /v1/s2s/orgs/{org}/elections/{id}`: registers a draft's definition, fixed from then on. */
export function register(app: App, deps: ElectionsDeps): void {
  app.put(contract.path, async (c) => {
    const def = parseJson(await readText(c), ElectionDefinition);
    return idempotent(c, deps, async (tx) => {
      const result = await upsertElection(tx, c.req.param('org'), s2sElectionId(c), def);
      if (result === 'different')
        throw new ApiError('definition_conflict', 'this election is already defined differently');
      const body: DefinedAnswer = { id: s2sElectionId(c), status: 'draft' };
      return { status: result === 'created' ? 201 : 200, body };
    });
  });
}
