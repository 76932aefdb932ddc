import { ApiError } from '../../shared/common/http/index.js';
import type { Tx } from '../../shared/common/db/index.js';
import { getElection, type ElectionRow } from '../../shared/registry/db/index.js';

/** The org's election a route names (inside the tenant transaction; the id's form was checked by route()), or 404. */
export async function namedElection(tx: Tx, electionId: string): Promise<ElectionRow> {
  const election = await getElection(tx, electionId);
  if (!election) throw new ApiError('not_found', 'unknown election');
  return election;
}
