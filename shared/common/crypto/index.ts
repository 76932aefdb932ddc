export { deriveToken, newElectionSecret, receiptFor, tokenHash, tokenPattern } from './token.js';
export { leafHash, merkleRoot, verifyTracker, type TrackerEntry } from './merkle.js';
