import { openLock } from './attendance.js';
import type { Tx } from '../../common/db/pool.js';

export type MemberUpsert = {
  subject: string;
  role: 'member' | 'admin';
  status: 'active' | 'inactive';
  weight?: number | undefined;
  /** The holder of this member's vote; null clears it, undefined keeps it. */
  delegateTo?: string | null | undefined;
};

/**
 * Inserts or updates roster entries in one statement; an omitted weight keeps
 * the stored one (1 for new members), and so does an omitted delegation.
 * Returns how many rows were written, how many active admins the org has
 * afterwards, and what is wrong with its delegations now (delegations.ts),
 * for the caller to refuse the whole change on.
 */
export async function upsertMembers(
  tx: Tx,
  orgId: string,
  members: MemberUpsert[],
): Promise<{ upserted: number; activeAdmins: number; delegationProblems: string[] }> {
  // A holder named must be a member, of the org or of this import: checked before the write, so it is a 400.
  const unknown = await tx<{ subject: string }[]>`
    select distinct d as subject from unnest(${members.flatMap((m) => (m.delegateTo ? [m.delegateTo] : []))}::text[]) as d
    where d <> all(${members.map((m) => m.subject)}::text[])
      and not exists (select 1 from registry.members m where m.org_id = ${orgId} and m.subject = d)`;
  const selves = members.filter((m) => m.delegateTo === m.subject).map((m) => `${m.subject} delegates to themselves`);
  if (unknown.length || selves.length)
    return {
      upserted: 0,
      activeAdmins: 1,
      delegationProblems: [...selves, ...unknown.map((u) => `${u.subject} is not a member`)],
    };
  const rows = await tx`
    with input as (
      select * from unnest(
        ${members.map((m) => m.subject)}::text[],
        ${members.map((m) => m.role)}::text[],
        ${members.map((m) => m.status)}::text[],
        ${members.map((m) => m.weight ?? null)}::int[],
        ${members.map((m) => (m.delegateTo === undefined ? 'keep' : m.delegateTo === null ? 'clear' : 'set'))}::text[],
        ${members.map((m) => m.delegateTo ?? null)}::text[]
      ) as i(subject, role, status, weight, delegation, delegate_to)
    )
    insert into registry.members as m (org_id, subject, role, status, weight, delegate_to)
    select ${orgId}, subject, role, status, coalesce(weight, 1), delegate_to from input
    on conflict (org_id, subject) do update
      set role = excluded.role,
          status = excluded.status,
          weight = coalesce((select i.weight from input i where i.subject = excluded.subject), m.weight),
          delegate_to = case (select i.delegation from input i where i.subject = excluded.subject)
            when 'keep' then m.delegate_to else excluded.delegate_to end,
          updated_at = now()
    returning 1`;
  const [admins] = await tx<{ n: number }[]>`
    select count(*)::int as n from registry.members where role = 'admin' and status = 'active'`;
  return {
    upserted: rows.count,
    activeAdmins: admins?.n ?? 0,
    delegationProblems: await delegationProblems(
      tx,
      orgId,
      members.map((m) => m.subject),
    ),
  };
}

/**
 * What breaks the proxy rules among the delegations these members take part in, as the roster stands (one level,
 * as OpenSlides): a holder who is not an active member, a holder who delegates on (a chain), a delegator who also
 * holds. Empty: none. Only the members written can have broken a rule that held before, so only their delegations
 * (as delegator or as holder) are read, each by an index, whatever the roster's size.
 */
export async function delegationProblems(tx: Tx, orgId: string, subjects: string[]): Promise<string[]> {
  const rows = await tx<{ problem: string }[]>`
    with touched as (
      select d.subject, d.delegate_to from registry.members d
      where d.org_id = ${orgId} and d.subject = any(${subjects}::text[]) and d.delegate_to is not null
      union
      select d.subject, d.delegate_to from registry.members d
      where d.org_id = ${orgId} and d.delegate_to = any(${subjects}::text[])
    )
    select t.subject || ' delegates to ' || h.subject ||
      case when h.status <> 'active' then ', who is not an active member'
           when h.delegate_to is not null then ', who delegates too (one level only)'
      end as problem
    from touched t join registry.members h on h.org_id = ${orgId} and h.subject = t.delegate_to
    where h.status <> 'active' or h.delegate_to is not null
    order by 1`;
  return rows.map((r) => r.problem);
}

/**
 * A member's own delegation (PUT …/me/delegation): to `delegateTo`, or none. Returns what breaks the proxy rules
 * afterwards (as the roster import checks it), for the caller to refuse the change on; or 'vote_open' while any of
 * the org's elections is open or opening: the member's own write would name them and date it during the vote
 * (docs/secrecy.md, rule 6), and it could only change later votes anyway.
 */
export async function setOwnDelegation(
  tx: Tx,
  orgId: string,
  subject: string,
  delegateTo: string | null,
): Promise<string[] | 'vote_open'> {
  await openLock(tx, orgId, 'change');
  const [open] = await tx`
    select 1 from registry.elections where status = 'open' or changing_since is not null limit 1`;
  if (open) return 'vote_open';
  if (delegateTo === subject) return [`${subject} delegates to themselves`];
  if (delegateTo) {
    const [holder] = await tx`select 1 from registry.members where org_id = ${orgId} and subject = ${delegateTo}`;
    if (!holder) return [`${delegateTo} is not a member`];
  }
  await tx`
    update registry.members set delegate_to = ${delegateTo}, updated_at = now()
    where org_id = ${orgId} and subject = ${subject}`;
  return delegationProblems(tx, orgId, [subject]);
}

/** A member's own standing delegation (null: none). */
export async function ownDelegation(tx: Tx, orgId: string, subject: string): Promise<string | null> {
  const [row] = await tx<{ delegateTo: string | null }[]>`
    select delegate_to from registry.members where org_id = ${orgId} and subject = ${subject}`;
  return row?.delegateTo ?? null;
}
