/**
 * A creation's Idempotency-Key (a meeting, an election): a chair's client
 * that retries after a 503 or a lost answer sends the same key, and is
 * answered with what the first request made, never a second one. The same
 * key with another request is 409 idempotency_conflict; without a key, each
 * request creates. A key is 1–200 visible ASCII characters, kept a day.
 */
import type { Context } from 'hono';
import { ApiError, requestHash, type AppEnv, header } from '../../shared/common/http/index.js';
import type { Tx } from '../../shared/common/db/index.js';
import { claimCreation } from '../../shared/registry/db/index.js';

export type CreationKey = { key: string; hash: Buffer };

const keyPattern = /^[\x21-\x7e]{1,200}$/;

/** The request's key and a hash of what it asks (its method, path and body: requestHash); undefined without one. */
export async function creationKey(c: Context<AppEnv>): Promise<CreationKey | undefined> {
  const key = header(c, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!keyPattern.test(key)) throw new ApiError('invalid_request', 'Idempotency-Key: 1–200 visible ASCII characters');
  return { key, hash: await requestHash(c) };
}

/** In the creation's transaction: the id the first request with this key made, or undefined to make `id`. */
export async function madeBefore(
  tx: Tx,
  orgId: string,
  claim: CreationKey | undefined,
  id: string,
): Promise<string | undefined> {
  if (!claim) return undefined;
  const prior = await claimCreation(tx, orgId, claim.key, claim.hash, id);
  if (prior === 'conflict')
    throw new ApiError('idempotency_conflict', 'this Idempotency-Key was used for another request');
  return prior?.resourceId;
}
