/**
 * The local stack's development identity provider: an ES256 key pair made on
 * first start and kept in the stack's folder, a JWKS endpoint the functions
 * trust, and a minting function used by `npm run dev:jwt` and the tests.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

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

export function startIdp(keys: IdpKeys, port: number, host = '127.0.0.1'): Promise<Idp> {
  const server: Server = createServer((req, res) => {
    const issuer = `http://${host}:${(server.address() as { port: number }).port}`;
    const documents: Record<string, unknown> = {
      '/.well-known/jwks.json': { keys: [keys.publicJwk] },
      '/.well-known/openid-configuration': { issuer, jwks_uri: `${issuer}/.well-known/jwks.json` },
    };
    const body = req.method === 'GET' ? documents[req.url ?? ''] : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { code: 'not_found' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const issuer = `http://${host}:${(server.address() as { port: number }).port}`;
      resolve({
        issuer,
        jwksUrl: `${issuer}/.well-known/jwks.json`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
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
