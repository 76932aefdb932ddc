/**
 * A member's tokens for an election, derived from its secret (never stored):
 * one token in an unweighted election (units null: exactly as before
 * weights), or one per ballot of the member's bundle in a weighted one
 * (denominations.ts), each with its units. Used alike by the open, the late
 * registrations, the withdrawals and the member's token request, so they
 * all derive the same hashes.
 */
import { deriveBundleToken, deriveToken, receiptFor, shuffled, tokenHash } from '../../common/crypto/index.js';

/** A member on an election's registered list, with their bundle (null: unweighted, one token). */
export type Registered = { subject: string; units: number[] | null };

export type MemberToken = { token: string; receipt: string; units: number };

export function memberTokens(secret: Uint8Array, { subject, units }: Registered): MemberToken[] {
  const tokens = units
    ? units.map((u, i) => ({ token: deriveBundleToken(secret, subject, i), units: u }))
    : [{ token: deriveToken(secret, subject), units: 1 }];
  return tokens.map((t) => ({ ...t, receipt: receiptFor(t.token) }));
}

/**
 * Every token hash of these members, with its units, in one random order: what the ballot box is sent, so
 * neither the order nor a grouping pairs a hash with a member. `units` is absent when no member is weighted.
 */
export function shuffledRegistration(
  secret: Uint8Array,
  members: Registered[],
): { hashes: string[]; units?: number[] } {
  const all = shuffled(
    members.flatMap((m) =>
      memberTokens(secret, m).map((t) => ({ hash: tokenHash(t.token).toString('base64url'), units: t.units })),
    ),
  );
  const weighted = members.some((m) => m.units);
  return { hashes: all.map((t) => t.hash), ...(weighted ? { units: all.map((t) => t.units) } : {}) };
}

/** The registration in requests of at most `max` hashes each. */
export function inChunks(r: { hashes: string[]; units?: number[] }, max: number) {
  const out: { hashes: string[]; units?: number[] }[] = [];
  for (let i = 0; i < r.hashes.length; i += max)
    out.push({ hashes: r.hashes.slice(i, i + max), ...(r.units ? { units: r.units.slice(i, i + max) } : {}) });
  return out;
}
