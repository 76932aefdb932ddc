import { Attendance, SetAttendance } from '../../../schemas/api.js';
import { Subject, Uuid, OrgId } from '../../../schemas/common.js';
import { route } from '../route.js';
import { attendanceNote, attendanceRefusals, changeAttendance } from './attendanceAnswer.js';

/** `PUT /v1/orgs/{org}/meetings/{id}/attendance/members/{subject}`: the chair marks a member present or absent. */
export default route(
  {
    operationId: 'setAttendance',
    method: 'PUT',
    path: '/v1/orgs/:org/meetings/:id/attendance/members/:subject',
    params: { org: OrgId, id: Uuid, subject: Subject },
    tag: 'meetings',
    summary: 'Mark a member present or absent',
    description: `For an admin: a member in the hall without a phone checked in ({"present": true}), or out. The answer is the attendance after it (me: whether the admin is present). ${attendanceNote}`,
    access: 'admin',
    body: SetAttendance,
    example: { present: true },
    responses: { 200: Attendance },
    errors: [...attendanceRefusals],
  },
  () =>
    async (_c, { params, body, caller }) =>
      changeAttendance(caller, params.id, params.subject, body.present),
);
