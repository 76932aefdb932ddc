export { createOrg, type OrgRow } from './createOrg.js';
export { upsertMembers, type MemberUpsert } from './upsertMembers.js';
export { findMember, type MemberRow } from './findMember.js';
export { listAdmins } from './listAdmins.js';
export { createMeeting, type MeetingRow } from './createMeeting.js';
export { createElection, type ElectionRow, type NewElection } from './createElection.js';
export { getElection, type ElectionWithIssuance } from './getElection.js';
