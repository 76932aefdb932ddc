import type { Tx } from '../../common/db/pool.js';
import type { RulesInput } from '../../../schemas/rules.js';

/** The org's default rules (the tenant is set: one org's row is visible). */
export async function orgRules(tx: Tx): Promise<RulesInput | null> {
  const [row] = await tx<{ rules: RulesInput | null }[]>`select rules from registry.orgs`;
  return row?.rules ?? null;
}

export async function setOrgRules(tx: Tx, orgId: string, rules: RulesInput | null): Promise<void> {
  await tx`update registry.orgs set rules = ${rules ? tx.json(rules) : null} where org_id = ${orgId}`;
}
