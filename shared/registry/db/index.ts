export { createOrg, type OrgRow } from './createOrg.js';
export { upsertMembers, type MemberUpsert } from './upsertMembers.js';
export { findMember, type MemberRow } from './findMember.js';
export { createMeeting, currentMeetings, meetingById, type MeetingRow } from './createMeeting.js';
export { claimCreation } from './createRequests.js';
export { createElection, runoffOf, type ElectionRow, type NewElection } from './createElection.js';
export { editDraft, deleteDraft } from './editDraft.js';
export { getElection } from './getElection.js';
export { activeMembers } from './activeMembers.js';
export { listElections } from './listElections.js';
export { currentElections } from './currentElections.js';
export { membershipsOf, type Membership } from './membershipsOf.js';
export { storeElectionKey, electionKey, markKeyShredded, type StoredKey } from './electionKey.js';
export { unshreddedKeys } from './unshreddedKeys.js';
export { tokenRequest, type TokenRequest } from './tokenRequest.js';
export { markElection } from './markElection.js';
export { recordEvent } from './recordEvent.js';
export { claimOutbox, type OutboxRow } from './claimOutbox.js';
export { markPublished, releaseClaims } from './markPublished.js';
export { markProcessed } from './markProcessed.js';
export { recordFailure } from './recordFailure.js';
export { appendAudit } from './appendAudit.js';
export { auditEntries } from './auditEntries.js';
export { addUsage, type UsageDelta } from './addUsage.js';
export { usageDays, type UsageDay } from './usageDays.js';
export { upsertPlan } from './upsertPlan.js';
export { openPlans, type MeetingPlan } from './openPlans.js';
export { markPlan } from './markPlan.js';
export { dueClosings } from './dueClosings.js';
export { dueOpenings } from './dueOpenings.js';
export { openElections } from './openElections.js';
export {
  registerActiveMembers,
  registerBundles,
  activeWeights,
  listedClassSizes,
  unregisteredMembers,
  listRegistered,
  pendingWithdrawals,
  clearWithdrawn,
  forgetRegistrations,
} from './tokenRegistrations.js';
export { openElectionKeys } from './openElectionKeys.js';
export { outboxEnvelope } from './outboxEnvelope.js';
export { unfinishedChanges } from './unfinishedChanges.js';
export { meetingExists } from './meetingExists.js';
export { noteDefinition, dropDefinitionNote, oldDefinitionNotes } from './unrecordedDefinitions.js';
export { rosterSummary, rosterListMax, type RosterSummary } from './rosterSummary.js';
export { ownDelegation, setOwnDelegation } from './upsertMembers.js';
export { attendanceOf, openLock, setAttendance } from './attendance.js';
export { orgRules, setOrgRules } from './orgRules.js';
