import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of a presented operator key with the configured one. */
export function isOperatorKey(presented: string, configured: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(configured));
}
