export { createOrg, type OrgRow } from './createOrg.js';
export { upsertMembers, type MemberUpsert } from './upsertMembers.js';
export { findMember, type MemberRow } from './findMember.js';
export { listAdmins } from './listAdmins.js';
export { createMeeting, type MeetingRow } from './createMeeting.js';
export { createElection, type ElectionRow, type NewElection } from './createElection.js';
export { getElection, type ElectionWithIssuance } from './getElection.js';
export { storeElectionSecret, electionSecret, destroyElectionSecret } from './electionSecret.js';
export { recordIssuance } from './recordIssuance.js';
export { markElection } from './electionStatus.js';
export { recordEvent } from './recordEvent.js';
export { claimOutbox, markPublished, type OutboxRow } from './claimOutbox.js';
export { markProcessed, recordFailure } from './deliveries.js';
export {
  appendAudit,
  auditEntries,
  verifyChain,
  entryHash,
  genesisHash,
  type AuditEntry,
  type ChainCheck,
} from './auditLog.js';
export { addUsage, usageDays, type UsageDelta, type UsageDay } from './usage.js';
export { upsertPlan, openPlans, markPlan, type MeetingPlan } from './meetingPlans.js';
export { dueClosings } from './dueClosings.js';
export { dueOpenings } from './dueOpenings.js';
