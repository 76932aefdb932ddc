import type { Tx } from '../../common/db/pool.js';

/** Which of these subjects are active now: those a roster change to inactive takes eligibility from. */
export async function goingInactive(tx: Tx, subjects: string[]): Promise<string[]> {
  if (subjects.length === 0) return [];
  const rows = await tx<{ subject: string }[]>`
    select subject from registry.members where status = 'active' and subject = any(${subjects}::text[])`;
  return rows.map((r) => r.subject);
}
