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
import type { Registered } from '../elections/memberTokens.js';

/** The election's list as it stands, each member with their bundle (null: unweighted). */
async function listed(tx: Tx, electionId: string): Promise<Registered[]> {
  return tx<Registered[]>`select subject, units from registry.token_registrations where election_id = ${electionId}`;
}

/** At the open: every member active now goes on the list, in a random order. Returns the members listed. */
export async function registerActiveMembers(tx: Tx, orgId: string, electionId: string): Promise<Registered[]> {
  await tx`
    insert into registry.token_registrations (org_id, election_id, subject, held_by)
    select ${orgId}, ${electionId}, m.subject, ${holderOf(tx)}
    from registry.members m where m.status = 'active' order by random()
    on conflict do nothing`;
  return listed(tx, electionId);
}

/**
 * The holder a listed member's vote goes to, as the list is written (migration 000033): their delegation, if its
 * holder is an active member who does not delegate on; else none, and they vote themselves. `m` is the member.
 */
const holderOf = (tx: Tx) => tx`(
  select h.subject from registry.members h
  where h.org_id = m.org_id and h.subject = m.delegate_to and h.status = 'active' and h.delegate_to is null)`;

/** Every active member's weight: what a weighted election's bundles are made from at its open. */
export async function activeWeights(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx<{ subject: string; weight: number }[]>`
    select subject, weight from registry.members where status = 'active'`;
  return new Map(rows.map((r) => [r.subject, r.weight]));
}

/**
 * At a weighted election's open: the members and their bundles go on the list, in a random order. A retried
 * open keeps the bundles it stored first. Returns the members listed.
 */
export async function registerBundles(
  tx: Tx,
  orgId: string,
  electionId: string,
  bundles: ReadonlyMap<string, number[]>,
): Promise<Registered[]> {
  await insertListed(
    tx,
    orgId,
    electionId,
    [...bundles].map(([subject, units]) => ({ subject, units })),
  );
  return listed(tx, electionId);
}

async function insertListed(tx: Tx, orgId: string, electionId: string, members: Registered[]): Promise<number> {
  const rows = await tx`
    insert into registry.token_registrations (org_id, election_id, subject, units, held_by)
    select ${orgId}, ${electionId}, r.subject,
      case when r.units = '' then null else string_to_array(r.units, ',')::int[] end,
      ${holderOf(tx)}
    from unnest(${members.map((m) => m.subject)}::text[], ${members.map((m) => m.units?.join(',') ?? '')}::text[])
      as r(subject, units)
    join registry.members m on m.org_id = ${orgId} and m.subject = r.subject
    order by random()
    on conflict do nothing
    returning 1`;
  return rows.count;
}

/** Active members not on the list of an open election, with their weights: they became eligible after its open. */
export async function unregisteredMembers(tx: Tx, electionId: string): Promise<{ subject: string; weight: number }[]> {
  return tx<{ subject: string; weight: number }[]>`
    select m.subject, m.weight from registry.members m
    where m.status = 'active'
      and not exists (select 1 from registry.token_registrations r where r.election_id = ${electionId} and r.subject = m.subject)`;
}

/** Members whose hashes the ballot box has just registered go on the list, in a random order. */
export async function listRegistered(
  tx: Tx,
  orgId: string,
  electionId: string,
  members: Registered[],
): Promise<number> {
  return insertListed(tx, orgId, electionId, members);
}

/** How many listed members feed each denomination of a weighted election (a late member joins only these). */
export async function listedClassSizes(tx: Tx, electionId: string): Promise<Map<number, number>> {
  const rows = await tx<{ units: number; members: number }[]>`
    select u as units, count(distinct r.subject)::int as members
    from registry.token_registrations r, unnest(r.units) as u
    where r.election_id = ${electionId} group by u`;
  return new Map(rows.map((r) => [r.units, r.members]));
}

/**
 * Withdrawals not yet done, by open election: members on the list who are inactive now (the roster change
 * that made them so is written first, so their token requests are refused from then on).
 */
export async function pendingWithdrawals(tx: Tx): Promise<Map<string, Registered[]>> {
  const rows = await tx<{ electionId: string; subject: string; units: number[] | null }[]>`
    select r.election_id, r.subject, r.units from registry.token_registrations r
    join registry.members m on m.org_id = r.org_id and m.subject = r.subject
    join registry.elections e on e.id = r.election_id
    where m.status <> 'active' and e.status = 'open'`;
  const byElection = new Map<string, Registered[]>();
  for (const { electionId, subject, units } of rows)
    byElection.set(electionId, [...(byElection.get(electionId) ?? []), { subject, units }]);
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
