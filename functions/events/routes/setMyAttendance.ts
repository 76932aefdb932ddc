import { Attendance, SetAttendance } from '../../../schemas/api.js';
import { route } from '../route.js';
import { attendanceNote, attendanceRefusals, changeAttendance } from './attendanceAnswer.js';

/** `PUT /v1/orgs/{org}/meetings/{id}/attendance/me`: an active member checks in, or out. */
export default route(
  {
    operationId: 'setMyAttendance',
    method: 'PUT',
    path: '/v1/orgs/:org/meetings/:id/attendance/me',
    tag: 'meetings',
    summary: 'Check in, or out',
    description: `{"present": true} checks the caller in at the meeting, false out; the same again changes nothing. The answer is the attendance after it. ${attendanceNote}`,
    access: 'member',
    body: SetAttendance,
    example: { present: true },
    responses: { 200: Attendance },
    errors: [...attendanceRefusals],
  },
  () =>
    async (_c, { params, body, caller }) =>
      changeAttendance(caller, params.id, (member) => member.subject, body.present),
);
