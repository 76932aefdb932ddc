/**
 * An election's registered list (registry.token_registrations, migrations
 * 000019 and 000024): the members whose token hash the ballot box holds. It
 * names members, never tokens or hashes, and is written only in batches
 * whose order says nothing (rows in a random order, independent of the
 * shuffled order the hashes went to the ballot box in): at the open, by the
 * lifecycle tick for members who became eligible later, never at a member's
 * request. A member made inactive keeps their row until their hash is
 * withdrawn: a row whose member is inactive is the durable record a
 * withdrawal that did not finish is completed from. The seal deletes the
 * election's rows.
 */
import type { Tx } from '../../common/db/pool.js';

/** At the open: every member active now goes on the list, in a random order. Returns the members listed. */
export async function registerActiveMembers(tx: Tx, orgId: string, electionId: string): Promise<string[]> {
  await tx`
    insert into registry.token_registrations (org_id, election_id, subject)
    select ${orgId}, ${electionId}, subject from registry.members where status = 'active' order by random()
    on conflict do nothing`;
  const listed = await tx<{ subject: string }[]>`
    select subject from registry.token_registrations where election_id = ${electionId}`;
  return listed.map((r) => r.subject);
}

/** Active members not on the list of an open election: they became eligible after its open. */
export async function unregisteredMembers(tx: Tx, electionId: string): Promise<string[]> {
  const rows = await tx<{ subject: string }[]>`
    select m.subject from registry.members m
    where m.status = 'active'
      and not exists (select 1 from registry.token_registrations r where r.election_id = ${electionId} and r.subject = m.subject)`;
  return rows.map((r) => r.subject);
}

/** Members whose hashes the ballot box has just registered go on the list, in a random order. */
export async function listRegistered(tx: Tx, orgId: string, electionId: string, subjects: string[]): Promise<number> {
  const rows = await tx`
    insert into registry.token_registrations (org_id, election_id, subject)
    select ${orgId}, ${electionId}, s from unnest(${subjects}::text[]) as s order by random()
    on conflict do nothing
    returning 1`;
  return rows.count;
}

/**
 * Withdrawals not yet done, by open election: members on the list who are inactive now (the roster change
 * that made them so is written first, so their token requests are refused from then on).
 */
export async function pendingWithdrawals(tx: Tx): Promise<Map<string, string[]>> {
  const rows = await tx<{ electionId: string; subject: string }[]>`
    select r.election_id, r.subject from registry.token_registrations r
    join registry.members m on m.subject = r.subject
    join registry.elections e on e.id = r.election_id
    where m.status <> 'active' and e.status = 'open'`;
  const byElection = new Map<string, string[]>();
  for (const r of rows) byElection.set(r.electionId, [...(byElection.get(r.electionId) ?? []), r.subject]);
  return byElection;
}

/**
 * A withdrawal done: the members leave the list (one made active again meanwhile is registered anew by the
 * tick, as their hash is gone). Returns how many rows this call removed (0: another call had).
 */
export async function clearWithdrawn(tx: Tx, electionId: string, subjects: string[]): Promise<number> {
  const rows = await tx`
    delete from registry.token_registrations where election_id = ${electionId} and subject = any(${subjects}::text[])
    returning 1`;
  return rows.count;
}

/** At the seal: the election's list goes, with its order and transaction ids. */
export async function forgetRegistrations(tx: Tx, electionId: string): Promise<void> {
  await tx`delete from registry.token_registrations where election_id = ${electionId}`;
}
