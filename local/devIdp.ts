/**
 * The local stack's development identity provider: an ES256 key pair made on
 * first start and kept in the stack's folder, the OpenID Provider that signs
 * with it (sign-in for the web app, the JWKS the functions trust), and a
 * minting function used by `npm run dev:jwt` and the tests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { createDevOidc } from './oidcProvider.js';

export type IdpKeys = { privateJwk: JWK; publicJwk: JWK };
export type Idp = { issuer: string; jwksUrl: string; close: () => Promise<void> };

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

/**
 * The identity provider on `port`: an OpenID Provider (local/oidcProvider.ts)
 * whose issuer is its own address, serving discovery, the authorization code
 * flow with PKCE for the web app at `redirectUris`, and the JWKS.
 */
export async function startIdp(
  keys: IdpKeys,
  port: number,
  host = '127.0.0.1',
  redirectUris: string[] = [],
): Promise<Idp> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const issuer = `http://${host}:${(server.address() as { port: number }).port}`;
  handle = createDevOidc({ issuer, keys, redirectUris }).handle;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    close: () => new Promise((done) => server.close(() => done())),
  };
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
