import { ApiError } from '../../shared/common/http/index.js';
import { asOverload } from './overload.js';
import type { CachedElection } from './definitionCache.js';
import type { ElectionsDeps } from './deps.js';
import type { Context } from 'hono';
import type { AppEnv } from '../../shared/common/http/index.js';

/** The election a public route names (the id's form was checked by route()), or 404 unknown_election. */
export async function namedElection(c: Context<AppEnv>, deps: ElectionsDeps, id: string): Promise<CachedElection> {
  const election = deps.definitions.cached(id) ?? (await deps.definitions.get(id).catch(asOverload));
  if (!election) throw new ApiError('unknown_election', 'unknown election');
  c.set('orgId', election.orgId);
  return election;
}
