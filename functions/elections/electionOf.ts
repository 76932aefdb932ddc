import type { Context } from 'hono';
import * as v from 'valibot';
import { ApiError, type AppEnv } from '../../shared/common/http/index.js';
import { Uuid } from '../../schemas/api.js';
import { asOverload } from './overload.js';
import type { CachedElection } from './definitionCache.js';
import type { ElectionsDeps } from './deps.js';

/** The election a public route names, or 404 unknown_election. */
export async function electionOf(c: Context<AppEnv>, deps: ElectionsDeps): Promise<CachedElection> {
  const id = c.req.param('id') ?? '';
  const election = v.is(Uuid, id) ? await deps.definitions.get(id).catch(asOverload) : undefined;
  if (!election) throw new ApiError('unknown_election', 'unknown election');
  c.set('orgId', election.orgId);
  return election;
}
