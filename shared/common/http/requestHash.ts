import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { readRaw } from './body.js';

/**
 * What an Idempotency-Key stands for: SHA-256 of the method, the path and the raw body (read once per request,
 * after route() validated it). The same key with another hash is another request (409 idempotency_conflict).
 */
export async function requestHash(c: Context): Promise<Buffer> {
  return createHash('sha256')
    .update(`${c.req.method} ${new URL(c.req.url).pathname}\n${await readRaw(c)}`)
    .digest();
}
