import { ApiError } from '../../../shared/common/http/index.js';
import { withTenant } from '../../../shared/common/db/index.js';
import { createOrg, recordEvent } from '../../../shared/registry/db/index.js';
import { CreateOrgRequest, Org } from '../../../schemas/api.js';
import { route } from '../route.js';

/** `POST /v1/orgs`: the operator bootstraps an org with its first admins. */
export default route(
  {
    operationId: 'createOrg',
    method: 'POST',
    path: '/v1/orgs',
    tag: 'organisations',
    summary: 'Create an organisation',
    description:
      'The operator bootstraps an organisation with its first admins, all active. The id is the slug every other path names.',
    access: 'operator',
    body: CreateOrgRequest,
    example: { id: 'acme', name: 'Acme Union', admins: ['alice'] },
    responses: { 201: Org },
    errors: ['org_exists'],
  },
  (deps) =>
    async (c, { body }) => {
      const row = await withTenant(deps.sql, body.id, async (tx) => {
        const created = await createOrg(tx, body);
        if (created) await recordEvent(tx, body.id, 'org.created', { name: created.name, admins: body.admins.length });
        return created;
      });
      if (!row) throw new ApiError('org_exists', `organisation "${body.id}" already exists`);
      c.set('orgId', row.orgId);
      return {
        status: 201,
        body: { id: row.orgId, name: row.name, createdAt: row.createdAt.toISOString(), admins: body.admins },
      };
    },
);
