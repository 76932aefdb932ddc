import { ApiError } from '../../../shared/common/http/index.js';
import { attendanceOf, meetingExists } from '../../../shared/registry/db/index.js';
import { Attendance } from '../../../schemas/api.js';
import { route } from '../route.js';
import { attendanceNote } from './attendanceAnswer.js';

/** `GET /v1/orgs/{org}/meetings/{id}/attendance`: present and entitled now, and whether the caller is present. */
export default route(
  {
    operationId: 'getAttendance',
    method: 'GET',
    path: '/v1/orgs/:org/meetings/:id/attendance',
    tag: 'meetings',
    summary: 'Who is present',
    description: `For an active member: the members present (and their weights) of the entitled, and whether the caller is checked in. ${attendanceNote}`,
    access: 'member',
    responses: { 200: Attendance },
    errors: ['unavailable'],
  },
  () =>
    async (_c, { params, caller }) => {
      const answer = await caller.inOrg(async (tx, member) =>
        (await meetingExists(tx, params.id)) ? attendanceOf(tx, params.id, member.subject) : undefined,
      );
      if (!answer) throw new ApiError('not_found', 'no such meeting in this organisation');
      return { status: 200, body: answer };
    },
);
