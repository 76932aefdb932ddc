import { ApiError, parseJson, readText, type App } from '../../../shared/common/http/index.js';
import { createElection, recordEvent, storeElectionSecret } from '../../../shared/registry/db/index.js';
import { newElectionSecret } from '../../../shared/common/crypto/index.js';
import { ballotLayout } from '../../../shared/registry/elections/ballotLayout.js';
import { CreateElectionRequest, Election, OrgId } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { toElection } from './getElection.js';
import type { EventsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export type CreateElectionResponse = Election;

export const contract = defineRoute({
  operationId: 'createElection',
  method: 'POST',
  path: '/v1/orgs/:org/elections',
  tag: 'elections',
  summary: 'Create an election (a draft)',
  description:
    'A draft with its options checked against its kind, its own token secret, and an optional schedule. Its definition is registered with the ballot box before the answer, so a 201 means both sides know it.',
  access: 'admin',
  params: { org: OrgId },
  body: CreateElectionRequest,
  example: { title: 'Approve the budget', kind: 'yes_no_abstain' },
  responses: { 201: Election },
  errors: ['unknown_meeting', 'unavailable'],
});

/**
 * `POST /v1/orgs/{org}/elections`: a draft election, its options checked
 * against its kind, with its own token secret. Its definition is registered
 * with the ballot box before the transaction commits, so a 201 means both
 * sides know it.
 */
export function register(app: App, deps: EventsDeps): void {
  app.post(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const text = await readText(c);
    const orgId = c.req.param('org');
    const row = await inOrg(c, deps, identity, 'admin', async (tx) => {
      const body = parseJson(text, CreateElectionRequest);
      checkSchedule(body.opensAt, body.closesAt);
      const layout = ballotLayout(body);
      const election = await createElection(tx, orgId, { ...body, ...layout });
      if (election === 'unknown_meeting') {
        throw new ApiError('unknown_meeting', 'meetingId: no such meeting in this organisation');
      }
      await storeElectionSecret(tx, orgId, election.id, newElectionSecret());
      await recordEvent(tx, orgId, 'election.created', {
        electionId: election.id,
        meetingId: election.meetingId,
        kind: election.kind,
      });
      await deps.ballotBox.define(orgId, election.id, {
        kind: election.kind,
        optionIds: election.options.map((o) => o.id),
        maxChoices: election.maxChoices,
      });
      return election;
    });
    return c.json(toElection({ ...row, tokensIssued: 0 }, 0), 201);
  });
}

function checkSchedule(opensAt: string | undefined, closesAt: string | undefined): void {
  const now = Date.now();
  if (opensAt && Date.parse(opensAt) <= now) throw new ApiError('invalid_request', 'opensAt: must be in the future');
  if (closesAt && Date.parse(closesAt) <= (opensAt ? Date.parse(opensAt) : now)) {
    throw new ApiError('invalid_request', 'closesAt: must be after opensAt (and in the future)');
  }
}
