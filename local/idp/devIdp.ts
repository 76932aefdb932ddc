/**
 * The local stack's development identity provider: the OpenID Provider that
 * signs with the keys of keys.ts (sign-in for the web app, the JWKS the
 * functions trust), served on its own port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createDevOidc } from './oidcProvider.js';
import type { IdpKeys } from './keys.js';

export { devAudience, generateKeys, loadOrCreateKeys, mintJwt, type IdpKeys, type MintOptions } from './keys.js';

export type Idp = { issuer: string; jwksUrl: string; close: () => Promise<void> };

/**
 * The identity provider on `port`: an OpenID Provider (local/idp/oidcProvider.ts)
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
