import type { App } from '../../../shared/common/http/index.js';
import { listElections } from '../../../shared/registry/db/index.js';
import { ElectionList, OrgId, type ElectionSummary } from '../../../schemas/api.js';
import type { ElectionRow } from '../../../shared/registry/db/index.js';
import { authenticate, inOrg } from '../auth.js';
import type { EventsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export const contract = defineRoute({
  operationId: 'listElections',
  method: 'GET',
  path: '/v1/orgs/:org/elections',
  tag: 'elections',
  summary: "List the org's elections",
  description:
    'For any active member: the elections past their draft, newest first (at most 200); an admin sees the drafts too. Without turnout: ask GET …/elections/{id} for it.',
  access: 'member',
  params: { org: OrgId },
  responses: { 200: ElectionList },
  errors: ['unavailable'],
});

export function register(app: App, deps: EventsDeps): void {
  app.get(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const rows = await inOrg(c, deps, identity, 'member', (tx, member) => listElections(tx, member.role === 'admin'));
    const list: ElectionList = { elections: rows.map(toSummary) };
    return c.json(list, 200);
  });
}

/** An election row as the list (and, with more, the election itself) answers it. */
export function toSummary(row: ElectionRow): ElectionSummary {
  return {
    id: row.id,
    meetingId: row.meetingId,
    title: row.title,
    kind: row.kind,
    options: row.options,
    maxChoices: row.maxChoices,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    opensAt: row.opensAt?.toISOString() ?? null,
    closesAt: row.closesAt?.toISOString() ?? null,
  };
}
