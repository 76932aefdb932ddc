import type { Tx } from '../../common/db/pool.js';

/**
 * At the open, before the ballot box is given their hashes: every member
 * active now is on the election's list of registered members, so their
 * token requests need no ballot box call. Returns those members.
 */
export async function registerActiveMembers(tx: Tx, orgId: string, electionId: string): Promise<string[]> {
  await tx`
    insert into registry.token_registrations (org_id, election_id, subject)
    select ${orgId}, ${electionId}, subject from registry.members where status = 'active'
    on conflict do nothing`;
  const rows = await tx<{ subject: string }[]>`select subject from registry.members where status = 'active'`;
  return rows.map((r) => r.subject);
}

/**
 * Before a roster change: members whose status the change flips leave every
 * election's registered list (a member going inactive has their hash
 * withdrawn; one made active again is registered anew when they ask).
 */
export async function forgetRegistrations(
  tx: Tx,
  members: { subject: string; status: 'active' | 'inactive' }[],
): Promise<void> {
  if (members.length === 0) return;
  await tx`
    delete from registry.token_registrations r
    using registry.members m,
          unnest(${members.map((m) => m.subject)}::text[], ${members.map((m) => m.status)}::text[]) as u(subject, status)
    where m.subject = u.subject and m.status <> u.status and r.subject = m.subject`;
}
