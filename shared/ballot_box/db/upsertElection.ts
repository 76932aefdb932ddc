import type { Tx } from '../../common/db/pool.js';
import type { ElectionDefinition } from '../../../schemas/s2s.js';

/**
 * Registers an election's definition. It is fixed once registered (voters'
 * choices are checked against a cached copy): the same definition again is
 * fine, a different one is refused, and so is an id another org holds (its
 * row is invisible here, so it is "different").
 */
export async function upsertElection(
  tx: Tx,
  orgId: string,
  electionId: string,
  def: ElectionDefinition,
): Promise<'created' | 'same' | 'different'> {
  const [created] = await tx`
    insert into ballot_box.elections (org_id, id, kind, option_ids, max_choices, ballot_mode)
    values (${orgId}, ${electionId}, ${def.kind}, ${def.optionIds}::text[], ${def.maxChoices}, ${def.ballotMode ?? null})
    on conflict do nothing returning 1`;
  if (created) return 'created';
  // The same again refreshes when it was heard: a draft the registry is still recording is not forgotten.
  const [same] = await tx`
    update ballot_box.elections set defined_at = now()
    where id = ${electionId} and kind = ${def.kind} and option_ids = ${def.optionIds}::text[]
      and max_choices = ${def.maxChoices} and ballot_mode is not distinct from ${def.ballotMode ?? null}::text
    returning 1`;
  return same ? 'same' : 'different';
}
