/** What the attendance routes share: a presence change and its refusals, in the contract's words. */
import { ApiError } from '../../../shared/common/http/index.js';
import { attendanceOf, setAttendance, type MemberRow } from '../../../shared/registry/db/index.js';
import type { Tx } from '../../../shared/common/db/index.js';
import type { Attendance } from '../../../schemas/api.js';

/** `subject` (the caller's own, or a member the chair marks) checked in or out; the attendance after it. */
export async function changeAttendance(
  caller: { orgId: string; inOrg<T>(work: (tx: Tx, member: MemberRow) => Promise<T>): Promise<T> },
  meetingId: string,
  subject: ((caller: MemberRow) => string) | string,
  present: boolean,
): Promise<{ status: 200; body: Attendance }> {
  const body = await caller.inOrg(async (tx, member) => {
    const who = typeof subject === 'string' ? subject : subject(member);
    const outcome = await setAttendance(tx, caller.orgId, meetingId, who, present);
    if (outcome !== 'done') refuseAttendance(outcome);
    return attendanceOf(tx, meetingId, member.subject);
  });
  return { status: 200, body };
}

export function refuseAttendance(outcome: 'vote_open' | 'unknown_meeting' | 'not_member'): never {
  if (outcome === 'vote_open')
    throw new ApiError('invalid_transition', 'a vote is open: check-in and check-out wait until it has closed');
  if (outcome === 'unknown_meeting') throw new ApiError('not_found', 'no such meeting in this organisation');
  throw new ApiError('invalid_request', 'only an active member of the organisation can be present');
}

export const attendanceRefusals = ['invalid_transition', 'invalid_request', 'unavailable'] as const;

export const attendanceNote =
  'Presence is recorded as whether, never when, and changes are refused while a vote of the organisation is open ' +
  '(409 invalid_transition): a row written during a vote would name the member and date them beside the ballots ' +
  '(docs/threat-model.md). Each election in the meeting freezes who is present at its open (docs/rules.md).';
