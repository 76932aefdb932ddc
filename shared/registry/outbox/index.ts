export { relayOnce, relayAll } from './relay.js';
export { recordUsage } from './usageReports.js';
