import { recordEvent, setOrgRules } from '../../../shared/registry/db/index.js';
import { OrgRules } from '../../../schemas/api.js';
import { route } from '../route.js';

/** `PUT /v1/orgs/{org}/rules`: the org's default rules (what its statutes say), or none. */
export default route(
  {
    operationId: 'setOrgRules',
    method: 'PUT',
    path: '/v1/orgs/:org/rules',
    tag: 'orgs',
    summary: "Set the organisation's default rules",
    description:
      'For an admin: {"rules": {...}} for the elections created from now on that give no rules and whose meeting ' +
      'has none (docs/rules.md); {"rules": null}: counts only. Each election is checked against them at its ' +
      'creation (a rule counting those present refuses an election in no meeting, which then gives its own); ' +
      'an election already created keeps its own.',
    access: 'admin',
    body: OrgRules,
    example: {
      rules: { majority: 'absolute', quorum: { measure: 'voted', atLeast: { num: 1, den: 3, of: 'entitled' } } },
    },
    responses: { 200: OrgRules },
    errors: ['unavailable'],
  },
  () =>
    async (_c, { body, caller }) => {
      await caller.inOrg(async (tx) => {
        // The same rules again (a retried PUT) change nothing and record no second event.
        if (await setOrgRules(tx, caller.orgId, body.rules))
          await recordEvent(tx, caller.orgId, 'org.rules_set', { rules: body.rules });
      });
      return { status: 200, body };
    },
);
