/**
 * Errors that mean the database cannot be reached or is going away, not
 * that a statement was wrong: the request may succeed if retried shortly
 * (503 unavailable with Retry-After). Connection errors from the client
 * (porsager's codes, Node's socket errors) and the server's connection
 * and shutdown SQLSTATEs (classes 08 and 57P, too many connections 53300).
 */
const clientCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

export function databaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return clientCodes.has(code) || code.startsWith('08') || code.startsWith('57P') || code === '53300';
}
