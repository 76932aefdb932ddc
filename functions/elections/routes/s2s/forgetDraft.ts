import { withTenant } from '../../../../shared/common/db/index.js';
import { forgetDraft } from '../../../../shared/ballot_box/db/index.js';
import { ForgottenAnswer, keepUnrecordedDraftMs } from '../../../../schemas/s2s.js';
import { quickMsLeft } from '../../requireSignature.js';
import { route } from '../../route.js';

/** `POST /v1/s2s/orgs/{org}/elections/{id}/forget`: idempotent, keeps no request record. */
export default route(
  {
    operationId: 's2sForgetDraft',
    method: 'POST',
    path: '/v1/s2s/orgs/:org/elections/:id/forget',
    tag: 's2s',
    summary: 'Forget a draft the registry never recorded',
    description:
      "A draft's definition whose creation failed after the ballot box's step: deleted unless it was defined (or " +
      'defined again) in the last 10 minutes, or has tokens. `forgotten` says whether the ballot box is without it ' +
      'now; an unknown id is forgotten already.',
    access: 's2s',
    responses: { 200: ForgottenAnswer },
    errors: [],
  },
  (deps) =>
    async (c, { params, caller }) => {
      const outcome = await withTenant(
        deps.sql,
        caller.orgId,
        (tx) => forgetDraft(tx, params.id, keepUnrecordedDraftMs),
        quickMsLeft(c, deps),
      );
      return { status: 200, body: { id: params.id, forgotten: outcome === 'forgotten' } };
    },
);
