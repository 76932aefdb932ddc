import { ApiError, parseJson, readText, type App } from '../../../shared/http/index.js';
import { createElection } from '../../../shared/db/registry/index.js';
import { defineElection } from '../../../shared/elections/definition.js';
import { CreateElectionRequest, type ElectionWithTurnout } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import { toElection } from './getElection.js';
import type { EventsDeps } from '../deps.js';

export type CreateElectionResponse = ElectionWithTurnout;

const foreignKeyViolation = '23503';

/** `POST /v1/orgs/{org}/elections`: a draft election, its options checked against its kind. */
export function register(app: App, deps: EventsDeps): void {
  app.post('/v1/orgs/:org/elections', async (c) => {
    const identity = await authenticate(c, deps);
    const text = await readText(c);
    const row = await inOrg(c, deps, identity, 'admin', async (tx) => {
      const body = parseJson(text, CreateElectionRequest);
      return createElection(tx, c.req.param('org'), { ...body, ...defineElection(body) }).catch((err: unknown) => {
        if ((err as { code?: string }).code === foreignKeyViolation) {
          throw new ApiError('unknown_meeting', 'meetingId: no such meeting in this organisation');
        }
        throw err;
      });
    });
    return c.json(toElection({ ...row, tokensIssued: 0 }), 201);
  });
}
