export { lookupElection, type BallotBoxElection } from './lookupElection.js';
export { castBallot, type CastInput, type CastOutcome } from './castBallot.js';
export { upsertElection, type ElectionDefinition } from './upsertElection.js';
export { registerToken } from './registerToken.js';
export { setStatus } from './setStatus.js';
export { sealElection, type SealedResults, type Tally } from './sealElection.js';
export { receiptExists, turnout, results, trackerEntries, type Turnout, type Results } from './reads.js';
export { claimKey, storeAnswer, type Prior } from './idempotency.js';
