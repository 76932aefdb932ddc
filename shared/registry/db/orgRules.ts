import type { Tx } from '../../common/db/pool.js';
import type { RulesInput } from '../../../schemas/rules.js';

/** The org's default rules (the tenant is set: one org's row is visible). */
export async function orgRules(tx: Tx): Promise<RulesInput | null> {
  const [row] = await tx<{ rules: RulesInput | null }[]>`select rules from registry.orgs`;
  return row?.rules ?? null;
}

/** Sets the org's default rules; false when they were these already (nothing changed, so no event). */
export async function setOrgRules(tx: Tx, orgId: string, rules: RulesInput | null): Promise<boolean> {
  const value = rules ? tx.json(rules) : null;
  const changed = await tx`
    update registry.orgs set rules = ${value}::jsonb
    where org_id = ${orgId} and rules is distinct from ${value}::jsonb returning 1`;
  return changed.length === 1;
}
