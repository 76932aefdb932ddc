import type { Context } from 'hono';
import { ApiError, type AppEnv } from '../../shared/common/http/index.js';
import { sealedTally } from '../../shared/ballot_box/db/index.js';
import { namedElection } from './namedElection.js';
import { asOverload } from './overload.js';
import type { ElectionsDeps } from './deps.js';

/** The election a public route names and its sealed tally, or 409 not_sealed: `what` is published at the seal. */
export async function sealedElection(c: Context<AppEnv>, deps: ElectionsDeps, id: string, what: string) {
  const election = await namedElection(c, deps, id);
  const row = await deps.gate.run(() => sealedTally(deps.sql, election.orgId, election.id)).catch(asOverload);
  if (!row?.tally) throw new ApiError('not_sealed', `${what} published when the election is sealed`);
  return { election, tally: row.tally };
}
