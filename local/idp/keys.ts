/**
 * The development identity provider's keys: an ES256 key pair made on first
 * start and kept in the stack's folder, and the minting of JWTs with it
 * (`npm run dev:jwt`, the tests). The OpenID Provider (oidcProvider.ts)
 * signs with the same keys.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export type IdpKeys = { privateJwk: JWK; publicJwk: JWK };
export const devAudience = 'ekklesia-local';

export async function generateKeys(): Promise<IdpKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const base = { kid, alg: 'ES256', use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...base },
    publicJwk: { ...(await exportJWK(publicKey)), ...base },
  };
}

/** Keys persist in `dir` so tokens stay valid across restarts of the stack. */
export async function loadOrCreateKeys(dir: string): Promise<IdpKeys> {
  const file = path.join(dir, 'idp-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as IdpKeys;
  const keys = await generateKeys();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

export type MintOptions = {
  issuer: string;
  subject: string;
  audience?: string;
  ttlSeconds?: number;
  claims?: Record<string, unknown>;
};

export async function mintJwt(keys: IdpKeys, options: MintOptions): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(options.claims ?? {})
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid ?? 'dev', typ: 'JWT' })
    .setIssuer(options.issuer)
    .setSubject(options.subject)
    .setAudience(options.audience ?? devAudience)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? 3600))
    .sign(key);
}
