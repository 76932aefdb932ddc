/**
 * The S2S request signature (events → elections). Headers:
 *   x-ekklesia-key-id     which master key (see keys.ts)
 *   x-ekklesia-timestamp  Unix seconds when signed; outside the replay window → 401
 *   x-ekklesia-deadline   Unix ms after which the caller no longer waits: the
 *                         callee makes no change it cannot commit before it
 *                         (at most the replay window after the timestamp)
 *   idempotency-key       the caller's key for this logical request
 *   x-ekklesia-signature  base64url(HMAC-SHA256(tenant key, canonical))
 *   traceparent           optional: the caller's trace context (W3C), signed when sent
 * canonical = METHOD "\n" path "\n" timestamp "\n" deadline "\n" idempotency-key "\n" hex(SHA-256(body))
 *             [ "\n" traceparent ]   (only when the header is sent: a request without one signs as before)
 * The org is part of the path, and the tenant key is derived from it, so a
 * request signed for one org cannot be replayed against another. A replay
 * inside the window carries the same Idempotency-Key and gets the stored answer.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { tenantKey, type MasterKeys } from './keys.js';

export const s2sHeaders = {
  keyId: 'x-ekklesia-key-id',
  timestamp: 'x-ekklesia-timestamp',
  deadline: 'x-ekklesia-deadline',
  signature: 'x-ekklesia-signature',
  idempotencyKey: 'idempotency-key',
  traceparent: 'traceparent',
} as const;

export type SignedRequest = {
  method: string;
  path: string;
  body: string;
  idempotencyKey: string;
  /** The caller's trace context, covered by the signature so nobody on the way can force or join a trace. */
  traceparent?: string | undefined;
};

function canonical(req: SignedRequest, timestamp: string, deadline: string): string {
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const lines = [req.method.toUpperCase(), req.path, timestamp, deadline, req.idempotencyKey, bodyHash];
  if (req.traceparent !== undefined) lines.push(req.traceparent);
  return lines.join('\n');
}

export function sign(
  req: SignedRequest,
  orgId: string,
  keyId: string,
  master: Buffer,
  nowSeconds: number,
  deadlineMs: number,
): Record<string, string> {
  const timestamp = String(nowSeconds);
  const deadline = String(deadlineMs);
  const signature = createHmac('sha256', tenantKey(master, orgId))
    .update(canonical(req, timestamp, deadline))
    .digest('base64url');
  return {
    [s2sHeaders.keyId]: keyId,
    [s2sHeaders.timestamp]: timestamp,
    [s2sHeaders.deadline]: deadline,
    [s2sHeaders.signature]: signature,
    [s2sHeaders.idempotencyKey]: req.idempotencyKey,
    ...(req.traceparent !== undefined ? { [s2sHeaders.traceparent]: req.traceparent } : {}),
  };
}

export type VerifyInput = SignedRequest & {
  orgId: string;
  keyId?: string | undefined;
  timestamp?: string | undefined;
  deadline?: string | undefined;
  signature?: string | undefined;
};

/** An Idempotency-Key the ballot box can store: 1–200 printable ASCII characters. */
const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * Why a request's signature headers are refused, before its body is read:
 * an unknown key id, a timestamp outside the window, a missing deadline or
 * one beyond the window, a malformed Idempotency-Key or signature. Undefined
 * when they may hold. (A deadline that has passed is no signature problem:
 * the caller checks it once the signature holds.)
 */
export function checkHeaders(
  input: Omit<VerifyInput, 'body'>,
  keys: MasterKeys,
  nowSeconds: number,
  windowSeconds: number,
): string | undefined {
  if (!input.keyId || !keys.has(input.keyId)) return 'unknown key id';
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp)) return 'missing timestamp';
  if (Math.abs(nowSeconds - Number(input.timestamp)) > windowSeconds) return 'timestamp outside the replay window';
  if (!input.deadline || !/^\d{1,15}$/.test(input.deadline)) return 'missing deadline';
  if (Number(input.deadline) > (Number(input.timestamp) + windowSeconds) * 1000)
    return 'deadline beyond the replay window';
  if (!idempotencyKeyPattern.test(input.idempotencyKey)) return 'missing or malformed idempotency key';
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.signature ?? '')) return 'signature mismatch';
  return undefined;
}

/** Why a signature is refused, or undefined when it holds. */
export function verify(
  input: VerifyInput,
  keys: MasterKeys,
  nowSeconds: number,
  windowSeconds: number,
): string | undefined {
  const early = checkHeaders(input, keys, nowSeconds, windowSeconds);
  if (early) return early;
  const master = keys.get(input.keyId!)!;
  const expected = createHmac('sha256', tenantKey(master, input.orgId))
    .update(canonical(input, input.timestamp!, input.deadline!))
    .digest();
  const given = Buffer.from(input.signature ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature mismatch';
  return undefined;
}
