import type { Tx } from '../../common/db/pool.js';

/** K_election, created with the election, read at issuance, destroyed at seal. */
export async function storeElectionSecret(tx: Tx, orgId: string, electionId: string, secret: Buffer): Promise<void> {
  await tx`insert into registry.election_secrets (org_id, election_id, secret) values (${orgId}, ${electionId}, ${secret})`;
}

export async function electionSecret(tx: Tx, electionId: string): Promise<Buffer | undefined> {
  const [row] = await tx<
    { secret: Buffer }[]
  >`select secret from registry.election_secrets where election_id = ${electionId}`;
  return row?.secret;
}

export async function destroyElectionSecret(tx: Tx, electionId: string): Promise<void> {
  await tx`delete from registry.election_secrets where election_id = ${electionId}`;
}
