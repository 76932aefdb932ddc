import { MyElections } from '../../../schemas/api.js';
import { route } from '../route.js';

/** `GET /v1/me/elections`: the member page's one poll (functions/events/memberViews.ts). */
export default route(
  {
    operationId: 'getMyElections',
    method: 'GET',
    path: '/v1/me/elections',
    tag: 'members',
    summary: 'What is open for me, across my orgs',
    description:
      'For any signed-in person: the orgs where they are an active member and, in each, the elections open or being ' +
      'sealed and the latest five sealed, newest first. Made to be polled: the answer carries an ETag, and a request ' +
      'with If-None-Match naming it is answered 304 with no body while nothing changed. An open or close shows ' +
      'within 0.5 s of its commit (a roster change within 30 s).',
    access: 'signedIn',
    conditional: true,
    responses: { 200: MyElections },
    errors: ['unavailable'],
  },
  (deps) =>
    async (_c, { caller }) => {
      const orgs = await deps.views.memberships(caller.identity.subject);
      const lists = await Promise.all(orgs.map((org) => deps.views.current(org.orgId)));
      return {
        status: 200,
        body: {
          orgs: orgs.map((m) => ({ id: m.orgId, name: m.orgName, role: m.role })),
          elections: orgs.flatMap((org, i) => lists[i]!.map((e) => ({ orgId: org.orgId, ...e }))),
        },
      };
    },
);
