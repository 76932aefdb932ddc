import type { App } from '../../../shared/common/http/index.js';
import { createMeeting, recordEvent } from '../../../shared/registry/db/index.js';
import { CreateMeetingRequest, Meeting, OrgId } from '../../../schemas/api.js';
import type { EventsDeps } from '../deps.js';
import { route } from '../route.js';
import { toMeeting } from '../answers.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export const contract = defineRoute({
  operationId: 'createMeeting',
  method: 'POST',
  path: '/v1/orgs/:org/meetings',
  tag: 'meetings',
  summary: 'Schedule a meeting',
  description:
    'A meeting with its start (and end) and the attendance expected; the lifecycle worker pre-warms capacity 30 minutes ahead and scales back after.',
  access: 'admin',
  params: { org: OrgId },
  body: CreateMeetingRequest,
  example: { title: 'AGM', startsAt: '2027-03-01T18:00:00Z', expectedAttendees: 300 },
  responses: { 201: Meeting },
  errors: [],
});

/** `POST /v1/orgs/{org}/meetings`: a meeting with its start time and expected attendance. */
export function register(app: App, deps: EventsDeps): void {
  route(app, deps, contract, async (_c, { body, caller }) => {
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
  });
}
