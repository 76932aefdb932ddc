import { parseJson, readText, type App } from '../../../shared/common/http/index.js';
import { createMeeting, recordEvent, type MeetingRow } from '../../../shared/registry/db/index.js';
import { CreateMeetingRequest, Meeting, OrgId } from '../../../schemas/api.js';
import { authenticate, inOrg } from '../auth.js';
import type { EventsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export type CreateMeetingResponse = Meeting;

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
  app.post(contract.path, async (c) => {
    const identity = await authenticate(c, deps);
    const text = await readText(c);
    const row = await inOrg(c, deps, identity, 'admin', async (tx) => {
      const meeting = await createMeeting(tx, c.req.param('org'), parseJson(text, CreateMeetingRequest));
      const { startsAt, endsAt, expectedAttendees } = toMeeting(meeting);
      await recordEvent(tx, c.req.param('org'), 'meeting.scheduled', {
        meetingId: meeting.id,
        startsAt,
        endsAt,
        expectedAttendees,
      });
      return meeting;
    });
    return c.json(toMeeting(row), 201);
  });
}

export function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    expectedAttendees: row.expectedAttendees,
    createdAt: row.createdAt.toISOString(),
  };
}
