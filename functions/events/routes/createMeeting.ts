import { randomUUID } from 'node:crypto';
import { createMeeting, meetingById, recordEvent } from '../../../shared/registry/db/index.js';
import { creationKey, madeBefore } from '../creationKey.js';
import { CreateMeetingRequest, Meeting } from '../../../schemas/api.js';
import { route } from '../route.js';
import { toMeeting } from '../answers.js';

/**
 * `POST /v1/orgs/{org}/meetings`: a meeting with its start time and expected attendance; with an Idempotency-Key,
 * a retry is answered with the meeting the first request made (creationKey.ts).
 */
export default route(
  {
    operationId: 'createMeeting',
    method: 'POST',
    path: '/v1/orgs/:org/meetings',
    tag: 'meetings',
    summary: 'Schedule a meeting',
    description:
      'A meeting with its start (and end) and the attendance expected; the lifecycle worker pre-warms capacity 30 minutes ahead and scales back after. With an Idempotency-Key, a retry is answered with the meeting the first request made.',
    access: 'admin',
    idempotencyKey: 'optional',
    body: CreateMeetingRequest,
    example: { title: 'AGM', startsAt: '2027-03-01T18:00:00Z', expectedAttendees: 300 },
    responses: { 201: Meeting },
    errors: ['idempotency_conflict'],
  },
  () =>
    async (c, { body, caller }) => {
      const claim = await creationKey(c);
      const row = await caller.inOrg(async (tx) => {
        const id = randomUUID();
        const made = await madeBefore(tx, caller.orgId, claim, id);
        if (made) return (await meetingById(tx, made))!; // claimed in the transaction that made it
        const meeting = await createMeeting(tx, caller.orgId, { ...body, id });
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
