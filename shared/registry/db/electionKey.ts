import type { Tx } from '../../common/db/pool.js';
import type { WrappedKey } from '../electionKeys.js';

export type StoredKey = WrappedKey & { shreddedAt: Date | null };

/** The election's wrapped token secret and its key version (shared/registry/electionKeys.ts). */
export async function storeElectionKey(tx: Tx, orgId: string, electionId: string, key: WrappedKey): Promise<void> {
  await tx`
    insert into registry.election_keys (org_id, election_id, key_version, wrapped)
    values (${orgId}, ${electionId}, ${key.keyVersion}, ${key.wrapped})`;
}

/** The stored key of an election; `wrapped` is empty once it is shredded. */
export async function electionKey(tx: Tx, electionId: string): Promise<StoredKey | undefined> {
  const [row] = await tx<{ keyVersion: string; wrapped: Buffer | null; shreddedAt: Date | null }[]>`
    select key_version, wrapped, shredded_at from registry.election_keys where election_id = ${electionId}`;
  return row && { keyVersion: row.keyVersion, wrapped: row.wrapped ?? Buffer.alloc(0), shreddedAt: row.shreddedAt };
}

/** After its key version is destroyed: the wrapped copy is noise, and is dropped too. */
export async function markKeyShredded(tx: Tx, electionId: string): Promise<void> {
  await tx`update registry.election_keys set wrapped = null, shredded_at = now() where election_id = ${electionId} and shredded_at is null`;
}
