import * as v from 'valibot';
import { ApiError } from '../../shared/common/http/index.js';
import type { Tx } from '../../shared/common/db/index.js';
import { getElection, type ElectionRow } from '../../shared/registry/db/index.js';
import { Uuid } from '../../schemas/api.js';

/** The org's election a route names (inside the tenant transaction), or 404. */
export async function electionIn(tx: Tx, electionId: string): Promise<ElectionRow> {
  const election = v.is(Uuid, electionId) ? await getElection(tx, electionId) : undefined;
  if (!election) throw new ApiError('not_found', 'unknown election');
  return election;
}
