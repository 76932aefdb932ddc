/**
 * Definitions the registry is about to register with the ballot box, noted
 * before it asks and forgotten in the transaction that records the election
 * (migration 000028): a note that outlives its creation names a draft the
 * ballot box may keep for an election nobody knows.
 */
import type { Sql, Tx } from '../../common/db/pool.js';

/** Notes (or notes again, for a retry under the same id) a definition about to be registered. */
export async function noteDefinition(tx: Tx, orgId: string, electionId: string): Promise<void> {
  await tx`
    insert into registry.unrecorded_definitions (org_id, election_id) values (${orgId}, ${electionId})
    on conflict (org_id, election_id) do update set since = now()`;
}

/**
 * In the transaction that records the election; or once the ballot box has forgotten the draft, unless a retry
 * noted it again after `notedBefore` (the age the sweep looked for).
 */
export async function dropDefinitionNote(tx: Tx, electionId: string, notedBefore?: Date): Promise<void> {
  if (notedBefore)
    await tx`delete from registry.unrecorded_definitions where election_id = ${electionId} and since < ${notedBefore}`;
  else await tx`delete from registry.unrecorded_definitions where election_id = ${electionId}`;
}

/** Notes of every org older than `before` (read as the worker role): ids only. */
export async function oldDefinitionNotes(sql: Sql, before: Date): Promise<{ orgId: string; electionId: string }[]> {
  return sql<{ orgId: string; electionId: string }[]>`
    select org_id, election_id from registry.unrecorded_definitions
    where since < ${before} order by since limit 100`;
}
