import { currentMeetings } from '../../../shared/registry/db/index.js';
import { MeetingList } from '../../../schemas/api.js';
import { route } from '../route.js';
import { toMeeting } from '../answers.js';

/** `GET /v1/orgs/{org}/meetings`: the meetings not yet ended, for check-in and the chair's console. */
export default route(
  {
    operationId: 'listMeetings',
    method: 'GET',
    path: '/v1/orgs/:org/meetings',
    tag: 'meetings',
    summary: 'Current meetings',
    description:
      'For an active member: the meetings of the organisation that have not ended (no end, or an end still to ' +
      'come), the latest start first, at most 20: where a member checks in.',
    access: 'member',
    responses: { 200: MeetingList },
    errors: ['unavailable'],
  },
  () =>
    async (_c, { caller }) => ({
      status: 200,
      body: { meetings: (await caller.inOrg((tx) => currentMeetings(tx))).map(toMeeting) },
    }),
);
