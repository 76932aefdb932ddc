/**
 * The local stack's stand-in for Pub/Sub's push authentication: the emulator
 * pushes without a token, so each push goes through this proxy, which adds
 * the OIDC token Pub/Sub would send (signed by the dev identity provider as
 * the push service account) and forwards it to the worker. The workers
 * verify it exactly as in production, against the dev provider's JWKS.
 */
import { createServer, type Server } from 'node:http';
import { mintJwt, type IdpKeys } from '../idp/devIdp.js';

/** Who the local stack's pushes come from, and for whom they are meant. */
export const localInvoker = {
  audience: 'ekklesia-local-push',
  serviceAccount: 'pubsub-push@ekklesia-local.iam.gserviceaccount.com',
};

export type PushSigner = { url: string; close: () => Promise<void> };

export function startPushSigner(
  keys: IdpKeys,
  issuer: string,
  target: string,
  host = '127.0.0.1',
): Promise<PushSigner> {
  const token = () =>
    mintJwt(keys, {
      issuer,
      subject: localInvoker.serviceAccount,
      audience: localInvoker.audience,
      ttlSeconds: 300,
      claims: { email: localInvoker.serviceAccount, email_verified: true },
    });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const answer = await fetch(`${target}${req.url ?? '/'}`, {
            method: req.method ?? 'POST',
            headers: {
              'content-type': req.headers['content-type'] ?? 'application/json',
              authorization: `Bearer ${await token()}`,
            },
            body: Buffer.concat(chunks),
          });
          res.writeHead(answer.status).end(Buffer.from(await answer.arrayBuffer()));
        } catch {
          res.writeHead(502).end();
        }
      })();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
