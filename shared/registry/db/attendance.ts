/**
 * Presence at a meeting (migration 000037): a row per member checked in,
 * naming whether, never when. A change is refused while a vote of the org is
 * open or opening ('vote_open'): written during a vote, it would name the
 * member and date them beside the ballots. The open takes the same lock
 * exclusively (openLock), so a check-in either comes before an open and is
 * counted by it, or sees the open and is refused.
 */
import type { Tx } from '../../common/db/pool.js';
import type { Amount } from '../../../schemas/verdict.js';

/**
 * Taken shared by a member's change that must not be written during a vote (a check-in, their own proxy) and
 * exclusively by an open's first step, per org: the change sees the open begun and is refused, or commits first.
 */
export async function openLock(tx: Tx, orgId: string, mode: 'change' | 'open'): Promise<void> {
  if (mode === 'change') await tx`select pg_advisory_xact_lock_shared(hashtextextended(${`opening:${orgId}`}, 0))`;
  else await tx`select pg_advisory_xact_lock(hashtextextended(${`opening:${orgId}`}, 0))`;
}

export async function setAttendance(
  tx: Tx,
  orgId: string,
  meetingId: string,
  subject: string,
  present: boolean,
): Promise<'done' | 'vote_open' | 'unknown_meeting' | 'not_member'> {
  await openLock(tx, orgId, 'change');
  const [open] = await tx`
    select 1 from registry.elections where status = 'open' or changing_since is not null limit 1`;
  if (open) return 'vote_open';
  if (!(await tx`select 1 from registry.meetings where id = ${meetingId}`).length) return 'unknown_meeting';
  if (!present) {
    await tx`delete from registry.attendance where meeting_id = ${meetingId} and subject = ${subject}`;
    return 'done';
  }
  const [member] = await tx`select 1 from registry.members where subject = ${subject} and status = 'active'`;
  if (!member) return 'not_member';
  await tx`
    insert into registry.attendance (org_id, meeting_id, subject) values (${orgId}, ${meetingId}, ${subject})
    on conflict do nothing`;
  return 'done';
}

/** Who is present now (active members checked in) and who is entitled (every active member), with their weights. */
export async function attendanceOf(
  tx: Tx,
  meetingId: string,
  subject: string,
): Promise<{ present: Amount; entitled: Amount; me: boolean }> {
  const [row] = await tx<{ pm: number; pu: number; em: number; eu: number; me: boolean }[]>`
    select count(a.subject)::int as pm, coalesce(sum(m.weight) filter (where a.subject is not null), 0)::int as pu,
      count(*)::int as em, coalesce(sum(m.weight), 0)::int as eu,
      bool_or(m.subject = ${subject} and a.subject is not null) as me
    from registry.members m
    left join registry.attendance a on a.meeting_id = ${meetingId} and a.subject = m.subject
    where m.status = 'active'`;
  return {
    present: { members: row!.pm, units: row!.pu },
    entitled: { members: row!.em, units: row!.eu },
    me: row!.me ?? false,
  };
}
