/**
 * An election's rules at its creation or edit (docs/rules.md): its own, else
 * its meeting's, else its org's, else none; every default filled in for
 * the election (weighted or not) and checked against it. A problem is a
 * 400 with the reason, before anything is written.
 */
import type { Tx } from '../../common/db/pool.js';
import { DomainError } from '../../common/domainError.js';
import { rulesProblem, withDefaults, type Rules, type RulesInput } from '../../../schemas/rules.js';
import type { ElectionKind } from '../../../schemas/common.js';

export async function electionRules(
  tx: Tx,
  election: {
    kind: ElectionKind;
    meetingId?: string | undefined;
    weights?: object | undefined;
    rules?: RulesInput | undefined;
  },
): Promise<Rules | null> {
  // A ranked election is decided by its count (docs/ranked.md): no majority, and no default applies to it.
  if (election.kind === 'ranked') {
    if (election.rules)
      throw new DomainError('invalid_request', 'rules: a ranked election is decided by ranked.method');
    return null;
  }
  const given = election.rules ?? (await defaultRules(tx, election.meetingId));
  if (!given) return null;
  const weighted = election.weights !== undefined;
  const rules = withDefaults(given, weighted);
  const problem = rulesProblem(rules, { kind: election.kind, weighted, meetingId: election.meetingId });
  // A default that does not fit says so: give the election its own rules, or make it in a meeting.
  const whose = election.rules ? 'rules' : "rules (the meeting's or the organisation's, as the election gives none)";
  if (problem) throw new DomainError('invalid_request', `${whose}: ${problem}`);
  return rules;
}

/** The meeting's rules, else the org's (the tenant is set: one org's row is visible). */
async function defaultRules(tx: Tx, meetingId: string | undefined): Promise<RulesInput | null> {
  const [row] = await tx<{ rules: RulesInput | null }[]>`
    select coalesce(
      (select m.rules from registry.meetings m where m.id = ${meetingId ?? null}::uuid),
      (select o.rules from registry.orgs o)) as rules`;
  return row?.rules ?? null;
}
