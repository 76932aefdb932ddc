import type { Tx } from '../../common/db/pool.js';
import type { WrappedKey } from '../electionKeys.js';

/** The org's open elections, each with its wrapped token secret. */
export async function openElectionKeys(tx: Tx): Promise<({ electionId: string } & WrappedKey)[]> {
  return tx<({ electionId: string } & WrappedKey)[]>`
    select e.id as election_id, k.key_version, k.wrapped
    from registry.elections e join registry.election_keys k on k.org_id = e.org_id and k.election_id = e.id
    where e.status = 'open' and k.wrapped is not null`;
}
