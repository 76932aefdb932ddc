/**
 * The local stack's identity provider as a real OpenID Provider, built on
 * `oidc-provider` (no hand-written protocol code): discovery, the
 * authorization code flow with PKCE for the web app (a public client), a
 * token endpoint, and the JWKS the functions trust. Access tokens are JWTs
 * for the API's audience, signed with the same ES256 key that `npm run
 * dev:jwt` and the tests mint with, so the events function verifies both the
 * same way it verifies a production IdP's. Its one local part is the login:
 * a development page where you pick or type a subject, with no password.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import { devAudience, type IdpKeys } from './keys.js';
import { devLanguage, devLoginPage } from './devLoginPage.js';
import { logoutSource, postLogoutSuccessSource } from './devLogoutPage.js';
import { MemoryAdapter } from './oidcMemoryAdapter.js';

export const webClientId = 'ekklesia-web';
/** The API as a resource indicator (an absolute URI, as RFC 8707 asks); its tokens' audience is devAudience. */
export const apiResource = 'urn:ekklesia:api';

export type OidcOptions = {
  issuer: string;
  keys: IdpKeys;
  /** Where the web app may receive the code (its callback URLs). */
  redirectUris: string[];
};

export type DevOidc = {
  provider: Provider;
  handle: (req: IncomingMessage, res: ServerResponse) => void;
};

export function createDevOidc(options: OidcOptions): DevOidc {
  const configuration: Configuration = {
    // Without a web app to sign in to (the tests' stacks), no client: the provider only serves its JWKS.
    clients:
      options.redirectUris.length === 0
        ? []
        : [
            {
              client_id: webClientId,
              client_name: 'Ekklesia',
              token_endpoint_auth_method: 'none',
              grant_types: ['authorization_code'],
              response_types: ['code'],
              redirect_uris: options.redirectUris,
              // Signing out returns to the app's start (RP-initiated logout).
              post_logout_redirect_uris: options.redirectUris.map((uri) => new URL('/app/', uri).href),
              id_token_signed_response_alg: 'ES256',
            },
          ],
    adapter: MemoryAdapter,
    jwks: { keys: [options.keys.privateJwk as never] },
    routes: { jwks: '/.well-known/jwks.json' },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid'],
    claims: { openid: ['sub'] },
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== apiResource) throw new Error(`unknown resource ${resource}`);
          return {
            scope: 'openid',
            audience: devAudience,
            accessTokenTTL: 3600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    // The provider's own error page, plain: no stack, no echo of the request.
    renderError: (ctx, out) => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `Sign-in failed: ${String(out.error)}. Go back to the app and sign in again.`;
    },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600 },
  };
  const provider = new Provider(options.issuer, configuration);
  // Served over plain HTTP on loopback; the provider is told so instead of trusting forwarded headers.
  provider.proxy = false;
  const oidc = provider.callback();
  const recent = new Set<string>();

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action?: string) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (req.method === 'GET' && !action) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
        'cache-control': 'no-store',
      });
      res.end(
        devLoginPage({
          action: `/interaction/${uid}/login`,
          recent: [...recent].slice(-8).reverse(),
          lang: devLanguage(req.headers['accept-language']),
        }),
      );
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const form = new URLSearchParams(await readBody(req));
      const subject = (form.get('subject') ?? '').trim();
      if (!/^[A-Za-z0-9._@-]{1,128}$/.test(subject)) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('A subject is 1 to 128 letters, digits or . _ @ -');
        return;
      }
      recent.delete(subject);
      recent.add(subject);
      const grant = new provider.Grant({ accountId: subject, clientId: String(details.params.client_id) });
      grant.addOIDCScope('openid');
      grant.addResourceScope(apiResource, 'openid');
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: subject }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.writeHead(405).end();
  };

  return {
    provider,
    handle: (req, res) => {
      const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login))?$/.exec(
        new URL(req.url ?? '/', 'http://x').pathname,
      );
      if (!match) return void oidc(req, res);
      interaction(req, res, match[1]!, match[2]).catch(() => {
        // A sign-in page reached again with Back after the sign-in finished: back to the app, not an error page.
        const app = options.redirectUris[0] && new URL('/app/', options.redirectUris[0]).href;
        if (!res.headersSent && req.method === 'GET' && app) return void res.writeHead(303, { location: app }).end();
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('This sign-in has expired or is not valid: go back to the app and sign in again.');
      });
    },
  };
}

function readBody(req: IncomingMessage, limit = 4096): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > limit) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
