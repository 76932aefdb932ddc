import type { Tx } from '../../common/db/pool.js';
import type { ElectionDefinition } from '../../../schemas/s2s.js';

/**
 * Registers an election's definition. The same definition again is fine. A
 * different one replaces it only while the election is a draft and only
 * from a higher revision (the registry's, raised by each edit; the open
 * sends the definition again with it); otherwise it is refused, and so is an
 * id another org holds (its row is invisible here, so it is "different").
 * From the open on it is fixed (voters' choices are checked against a cached
 * copy, functions/elections/definitionCache.ts, which keeps no draft).
 */
export async function upsertElection(
  tx: Tx,
  orgId: string,
  electionId: string,
  def: ElectionDefinition,
): Promise<'created' | 'same' | 'redefined' | 'different'> {
  const revision = def.revision ?? 1;
  const mode = def.ballotMode ?? null;
  const rules = def.rules ? tx.json(def.rules) : null;
  const ranked = def.ranked ? tx.json(def.ranked) : null;
  const [created] = await tx`
    insert into ballot_box.elections (org_id, id, kind, option_ids, max_choices, ballot_mode, revision, weighted, rules,
      ranked)
    values (${orgId}, ${electionId}, ${def.kind}, ${def.optionIds}::text[], ${def.maxChoices}, ${mode}, ${revision},
      ${def.weighted ?? false}, ${rules}::jsonb, ${ranked}::jsonb)
    on conflict do nothing returning 1`;
  if (created) return 'created';
  // The same again refreshes when it was heard (a draft the registry is still recording is not forgotten). A
  // definition sent without a mode leaves the mode as it is.
  const [same] = await tx`
    update ballot_box.elections set defined_at = now(), revision = greatest(revision, ${revision})
    where id = ${electionId} and kind = ${def.kind} and option_ids = ${def.optionIds}::text[]
      and max_choices = ${def.maxChoices} and weighted = ${def.weighted ?? false}
      and rules is not distinct from ${rules}::jsonb and ranked is not distinct from ${ranked}::jsonb
      and (${mode}::text is null or ballot_mode is not distinct from ${mode}::text)
    returning 1`;
  if (same) return 'same';
  // An edited draft's definition, sent by its open: taken only for a draft, and only from a higher revision.
  const [redefined] = await tx`
    update ballot_box.elections set kind = ${def.kind}, option_ids = ${def.optionIds}::text[],
      max_choices = ${def.maxChoices}, weighted = ${def.weighted ?? false}, rules = ${rules}::jsonb,
      ranked = ${ranked}::jsonb, ballot_mode = coalesce(${mode}::text, ballot_mode),
      revision = ${revision}, defined_at = now()
    where id = ${electionId} and status = 'draft' and revision < ${revision}
    returning 1`;
  return redefined ? 'redefined' : 'different';
}
