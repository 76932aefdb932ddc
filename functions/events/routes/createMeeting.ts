import { createMeeting, recordEvent } from '../../../shared/registry/db/index.js';
import { CreateMeetingRequest, Meeting } from '../../../schemas/api.js';
import { route } from '../route.js';
import { toMeeting } from '../answers.js';

/** `POST /v1/orgs/{org}/meetings`: a meeting with its start time and expected attendance. */
export default route(
  {
    operationId: 'createMeeting',
    method: 'POST',
    path: '/v1/orgs/:org/meetings',
    tag: 'meetings',
    summary: 'Schedule a meeting',
    description:
      'A meeting with its start (and end) and the attendance expected; the lifecycle worker pre-warms capacity 30 minutes ahead and scales back after.',
    access: 'admin',
    body: CreateMeetingRequest,
    example: { title: 'AGM', startsAt: '2027-03-01T18:00:00Z', expectedAttendees: 300 },
    responses: { 201: Meeting },
    errors: [],
  },
  () =>
    async (_c, { body, caller }) => {
      const row = await caller.inOrg(async (tx) => {
        const meeting = await createMeeting(tx, caller.orgId, body);
        const { startsAt, endsAt, expectedAttendees } = toMeeting(meeting);
        await recordEvent(tx, caller.orgId, 'meeting.scheduled', {
          meetingId: meeting.id,
          startsAt,
          endsAt,
          expectedAttendees,
        });
        return meeting;
      });
      return { status: 201, body: toMeeting(row) };
    },
);
