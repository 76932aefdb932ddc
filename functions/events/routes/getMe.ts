import { membershipsOf } from '../../../shared/registry/db/index.js';
import { Me } from '../../../schemas/api.js';
import { route } from '../route.js';

/** `GET /v1/me`: the caller's active memberships across orgs (one narrow database function, migration 000023). */
export default route(
  {
    operationId: 'getMe',
    method: 'GET',
    path: '/v1/me',
    tag: 'members',
    summary: 'Who I am and where I am a member',
    description:
      "For any signed-in person: the subject of their identity token and the organisations whose roster has them as an active member, with their role there. The web app's first call after sign-in. An org where they are inactive or absent is not named.",
    access: 'signedIn',
    responses: { 200: Me },
    errors: ['unavailable'],
  },
  (deps) =>
    async (_c, { caller }) => {
      const memberships = await membershipsOf(deps.sql, caller.identity.subject);
      return {
        status: 200,
        body: {
          subject: caller.identity.subject,
          orgs: memberships.map((m) => ({ id: m.orgId, name: m.orgName, role: m.role })),
        },
      };
    },
);
