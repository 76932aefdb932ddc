import * as v from 'valibot';
import { ApiError, parseJson, readText, type App } from '../../../shared/common/http/index.js';
import { openInRegistry } from '../../../shared/registry/elections/open.js';
import { OpenElectionRequest, OpenElectionResponse as OpenAnswer, OrgId, Uuid } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { electionIn } from '../electionIn.js';
import type { EventsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export type OpenElectionResponse = v.InferOutput<typeof OpenAnswer>;

export const contract = defineRoute({
  operationId: 'openElection',
  method: 'POST',
  path: '/v1/orgs/:org/elections/:id/open',
  tag: 'elections',
  summary: 'Open a draft for voting',
  description:
    'The chair opens a draft, optionally with a closing time the lifecycle worker keeps. The ballot box opens first; the registry follows. An open that fails half-way (503) is finished by a retry, or settled within a lifecycle tick.',
  access: 'admin',
  params: { org: OrgId, id: Uuid },
  body: OpenElectionRequest,
  example: {},
  responses: { 200: OpenAnswer },
  errors: ['invalid_transition', 'unavailable'],
});

/**
 * `POST /v1/orgs/{org}/elections/{id}/open` `{closesAt?, ballotMode?}`: the chair opens a
 * draft. The registry records the open as begun, the ballot box opens it
 * (over S2S, no transaction open), then the registry's copy follows
 * (shared/registry/elections/open.ts). A failure half-way is finished by the
 * chair's retry or settled by the lifecycle worker's next tick.
 */
export function register(app: App, deps: EventsDeps): void {
  app.post(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const text = await readText(c);
    const orgId = c.req.param('org');
    const { electionId, closesAt, ballotMode } = await inOrg(c, deps, identity, 'admin', async (tx) => {
      const body = parseJson(text, OpenElectionRequest);
      if (body.closesAt && Date.parse(body.closesAt) <= Date.now())
        throw new ApiError('invalid_request', 'closesAt: must be in the future');
      const election = await electionIn(tx, c.req.param('id'));
      if (election.status !== 'draft')
        throw new ApiError('invalid_transition', `the election is ${election.status}, not draft`);
      return {
        electionId: election.id,
        closesAt: body.closesAt ?? election.closesAt?.toISOString() ?? null,
        ballotMode: body.ballotMode,
      };
    });
    // The roll's token hashes and the ballot box's open are network calls: after the check's transaction.
    if ((await openInRegistry(deps, orgId, electionId, closesAt, ballotMode)) === 'not_draft') {
      throw new ApiError('invalid_transition', 'the election was opened meanwhile');
    }
    const response: OpenElectionResponse = { status: 'open' };
    return c.json(response, 200);
  });
}
