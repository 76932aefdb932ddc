import type { Tx } from '../../common/db/pool.js';

export type MemberRow = { subject: string; role: 'member' | 'admin'; status: 'active' | 'inactive'; weight: number };

export async function findMember(tx: Tx, subject: string): Promise<MemberRow | undefined> {
  const [row] = await tx<MemberRow[]>`
    select subject, role, status, weight from registry.members where subject = ${subject}`;
  return row;
}
