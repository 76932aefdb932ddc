import type { Tx } from '../../common/db/pool.js';

/** At most this many weighted members and this many delegations a summary lists (the counts are whole). */
export const rosterListMax = { weighted: 200, delegations: 500 };

export type RosterSummary = {
  activeMembers: number;
  activeUnits: number;
  weightedMembers: number;
  delegationCount: number;
  weighted: { subject: string; weight: number }[];
  delegations: { subject: string; delegateTo: string }[];
};

/**
 * What a chair needs to know of the roster before a weighted vote or one with proxies: the active members and
 * their units, the heaviest members (weight above 1) and the standing delegations, each list capped.
 */
export async function rosterSummary(tx: Tx): Promise<RosterSummary> {
  const [totals] = await tx<Omit<RosterSummary, 'weighted' | 'delegations'>[]>`
    select count(*) filter (where status = 'active')::int as active_members,
      coalesce(sum(weight) filter (where status = 'active'), 0)::int as active_units,
      count(*) filter (where status = 'active' and weight > 1)::int as weighted_members,
      count(*) filter (where delegate_to is not null)::int as delegation_count
    from registry.members`;
  const weighted = await tx<RosterSummary['weighted']>`
    select subject, weight from registry.members where status = 'active' and weight > 1
    order by weight desc, subject limit ${rosterListMax.weighted}`;
  const delegations = await tx<RosterSummary['delegations']>`
    select subject, delegate_to from registry.members where delegate_to is not null
    order by delegate_to, subject limit ${rosterListMax.delegations}`;
  return { ...totals!, weighted, delegations };
}
