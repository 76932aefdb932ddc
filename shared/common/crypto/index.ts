export { deriveBundleToken, deriveToken, receiptFor, tokenHash } from './token.js';
export { leafHash, merkleRoot, verifyTracker } from './merkle.js';
export { shuffled } from './shuffle.js';
