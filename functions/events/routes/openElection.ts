import { ApiError } from '../../../shared/common/http/index.js';
import { openInRegistry } from '../../../shared/registry/elections/open.js';
import { OpenElectionRequest, OpenElectionResponse } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import { route } from '../route.js';

/**
 * `POST /v1/orgs/{org}/elections/{id}/open` `{closesAt?, ballotMode?}`: the chair opens a
 * draft. The registry records the open as begun, the ballot box opens it
 * (over S2S, no transaction open), then the registry's copy follows
 * (shared/registry/elections/open.ts). A failure half-way is finished by the
 * chair's retry or settled by the lifecycle worker's next tick.
 */
export default route(
  {
    operationId: 'openElection',
    method: 'POST',
    path: '/v1/orgs/:org/elections/:id/open',
    tag: 'elections',
    summary: 'Open a draft for voting',
    description:
      'The chair opens a draft, optionally with a closing time the lifecycle worker keeps. The ballot box opens first; the registry follows. An open that fails half-way (503) is finished by a retry, or settled within a lifecycle tick.',
    access: 'admin',
    body: OpenElectionRequest,
    example: {},
    responses: { 200: OpenElectionResponse },
    errors: ['invalid_transition', 'unavailable'],
  },
  (deps) =>
    async (_c, { params, body, caller }) => {
      if (body.closesAt && Date.parse(body.closesAt) <= Date.now())
        throw new ApiError('invalid_request', 'closesAt: must be in the future');
      const closesAt = await caller.inOrg(async (tx) => {
        const election = await namedElection(tx, params.id);
        if (election.status !== 'draft')
          throw new ApiError('invalid_transition', `the election is ${election.status}, not draft`);
        return body.closesAt ?? election.closesAt?.toISOString() ?? null;
      });
      // The roll's token hashes and the ballot box's open are network calls: after the check's transaction.
      if ((await openInRegistry(deps, caller.orgId, params.id, closesAt, body.ballotMode)) === 'not_draft') {
        throw new ApiError('invalid_transition', 'the election was opened meanwhile');
      }
      deps.views.changed(caller.orgId); // this instance's member pages see it at their next poll (memberViews.ts)
      return { status: 200, body: { status: 'open' as const } };
    },
);
