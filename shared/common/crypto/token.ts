/**
 * Voting-token material (docs/api.md, "elections function"):
 *   token      = base64url(HMAC-SHA256(K_election, member subject))   43 characters
 *   token hash = SHA-256("tok"  ‖ token)    what the ballot box stores, never the registry
 *   receipt    = base64url(SHA-256("rcpt" ‖ token))   what the voter can compute and look up
 * `token` is hashed as the UTF-8 bytes of its base64url text, as the voter holds it.
 */
import { createHash, createHmac } from 'node:crypto';

export function deriveToken(electionSecret: Uint8Array, subject: string): string {
  return createHmac('sha256', electionSecret).update(subject, 'utf8').digest('base64url');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update('tok').update(token, 'utf8').digest();
}

export function receiptFor(token: string): string {
  return createHash('sha256').update('rcpt').update(token, 'utf8').digest('base64url');
}

/**
 * The i-th token of a weighted member's bundle (shared/registry/elections/memberTokens.ts): a token per ballot,
 * each derived apart, so no token tells another of the same member.
 */
export function deriveBundleToken(electionSecret: Uint8Array, subject: string, index: number): string {
  return createHmac('sha256', electionSecret).update(`${subject}\u0000${index}`, 'utf8').digest('base64url');
}
