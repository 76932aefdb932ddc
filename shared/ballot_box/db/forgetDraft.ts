import type { Tx } from '../../common/db/pool.js';

/**
 * Forgets a draft's definition the registry never recorded, unless it was
 * heard within `keptMs` (a creation may still be recording it) or has tokens
 * (the registry knows it after all). Idempotent: an unknown id is forgotten.
 */
export async function forgetDraft(tx: Tx, electionId: string, keptMs: number): Promise<'forgotten' | 'kept'> {
  await tx`
    delete from ballot_box.elections e
    where e.id = ${electionId} and e.status = 'draft'
      and e.defined_at < now() - make_interval(secs => ${keptMs / 1000})
      and not exists (select 1 from ballot_box.tokens t where t.election_id = e.id)`;
  const [still] = await tx`select 1 from ballot_box.elections where id = ${electionId}`;
  return still ? 'kept' : 'forgotten';
}
