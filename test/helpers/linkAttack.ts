/**
 * What an operator with the database could try, to learn who voted what:
 * 1. recompute tokens: every value stored anywhere is tried as the election's
 *    token secret, and every wrapped key found is unwrapped with the KMS
 *    permissions the registry has (an operator may hold them too); a derived
 *    receipt that matches a ballot links its member (a weighted member's
 *    bundle tokens too, the first `bundleTries` of them);
 * 2. follow transaction ids and order: a ballot written in the transaction
 *    that spent a token row shares that row's xmin; token rows registered in
 *    the order of the registered list would make the n-th token row (physical
 *    order) the n-th member listed.
 * The attack reads rows as a superuser, as an operator would.
 */
import { deriveBundleToken, deriveToken, receiptFor } from '../../shared/common/crypto/index.js';
import type { Sql } from '../../shared/common/db/index.js';

export type Snapshot = {
  /** Every stored value that could be 32 bytes of key material. */
  candidates: Buffer[];
  ballots: { receipt: string; choices: string[]; xmin: string }[];
  /** Token rows in physical order. */
  tokens: { xmin: string }[];
  /** Members on the election's registered list, in its physical order. */
  issued: string[];
  /** Wrapped election keys as stored (a backup keeps them). */
  wrapped: { orgId: string; electionId: string; keyVersion: string; wrapped: Buffer }[];
};

/** Unwraps a stored key with KMS, or fails (a destroyed key version). */
export type Unwrap = (w: Snapshot['wrapped'][number]) => Promise<Buffer>;

function keyMaterial(value: unknown, found: Buffer[]): void {
  if (typeof value === 'string') {
    const hex = /^(?:\\x)?([0-9a-f]{64})$/i.exec(value);
    if (hex) found.push(Buffer.from(hex[1]!, 'hex'));
    if (/^[A-Za-z0-9_-]{43}$/.test(value)) found.push(Buffer.from(value, 'base64url'));
    if (/^[A-Za-z0-9+/]{43}=$/.test(value)) found.push(Buffer.from(value, 'base64'));
  } else if (Array.isArray(value)) for (const v of value) keyMaterial(v, found);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) keyMaterial(v, found);
}

export async function snapshot(admin: Sql, electionId: string): Promise<Snapshot> {
  const tables = await admin<{ name: string }[]>`
    select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
    where table_schema in ('registry', 'ballot_box', 'ekklesia_meta') and table_type = 'BASE TABLE'`;
  const candidates: Buffer[] = [];
  for (const { name } of tables) {
    for (const row of await admin.unsafe(`select to_jsonb(t) as row from ${name} t`)) keyMaterial(row.row, candidates);
  }
  const ballots = await admin<Snapshot['ballots']>`
    select receipt, choices, xmin::text as xmin from ballot_box.ballots where election_id = ${electionId} order by ctid`;
  const tokens = await admin<Snapshot['tokens']>`
    select xmin::text as xmin from ballot_box.tokens where election_id = ${electionId} order by ctid`;
  const issued = await admin<{ subject: string }[]>`
    select subject from registry.token_registrations where election_id = ${electionId} order by ctid`;
  const wrapped = await admin<Snapshot['wrapped']>`
    select org_id, election_id, key_version, wrapped from registry.election_keys where wrapped is not null`;
  return { candidates, ballots, tokens, issued: issued.map((r) => r.subject), wrapped };
}

/** The choices the attack attributes to each member it could link. */
export async function linkMembersToChoices(
  s: Snapshot,
  members: string[],
  unwrap: Unwrap,
  bundleTries = 0,
): Promise<Map<string, string[]>> {
  const linked = new Map<string, string[]>();
  const byReceipt = new Map(s.ballots.map((b) => [b.receipt, b.choices]));
  const unwrapped: Buffer[] = [];
  for (const w of s.wrapped) {
    const key = await unwrap(w).catch(() => undefined);
    if (key) unwrapped.push(key);
  }
  for (const candidate of [...s.candidates, ...unwrapped]) {
    for (const member of members) {
      const tokens = [deriveToken(candidate, member)];
      for (let i = 0; i < bundleTries; i++) tokens.push(deriveBundleToken(candidate, member, i));
      for (const token of tokens) {
        const choices = byReceipt.get(receiptFor(token));
        if (choices) linked.set(member, choices);
      }
    }
  }
  for (const ballot of s.ballots) {
    const n = s.tokens.findIndex((t) => t.xmin === ballot.xmin);
    const member = n >= 0 ? s.issued[n] : undefined;
    if (member && !linked.has(member)) linked.set(member, ballot.choices);
  }
  return linked;
}
