export { relayOnce, relayAll } from './relay.js';
export { recordUsage } from './usageReports.js';
export { coalesceRelays, type AfterCommitRelay } from './afterCommit.js';
