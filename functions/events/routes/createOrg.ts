import { ApiError, readJson, type App } from '../../../shared/common/http/index.js';
import { withTenant } from '../../../shared/common/db/index.js';
import { createOrg, recordEvent } from '../../../shared/registry/db/index.js';
import { CreateOrgRequest, type Org } from '../../../schemas/api.js';
import { requireOperator } from '../auth.js';
import type { EventsDeps } from '../deps.js';

export type CreateOrgResponse = Org;

/** `POST /v1/orgs`: the operator bootstraps an org with its first admins. */
export function register(app: App, deps: EventsDeps): void {
  app.post('/v1/orgs', async (c) => {
    requireOperator(c, deps);
    const body = await readJson(c, CreateOrgRequest);
    const row = await withTenant(deps.sql, body.id, async (tx) => {
      const created = await createOrg(tx, body);
      if (created) await recordEvent(tx, body.id, 'org.created', { name: created.name, admins: body.admins.length });
      return created;
    });
    if (!row) throw new ApiError('org_exists', `organisation "${body.id}" already exists`);
    c.set('orgId', row.orgId);
    const org: CreateOrgResponse = {
      id: row.orgId,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      admins: body.admins,
    };
    return c.json(org, 201);
  });
}
