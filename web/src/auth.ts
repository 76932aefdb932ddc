/**
 * Sign-in with OpenID Connect: the authorization code flow with PKCE, by
 * oauth4webapi, against the configured issuer (the local stack's dev
 * provider, or the organisation's in production). The code verifier and
 * state live in sessionStorage only for the round trip; the access token in
 * sessionStorage for the tab's life; the callback's code leaves the address
 * bar at once. No secret is in the page (a public client).
 * Signing out ends the provider's session too (RP-initiated logout, its
 * end_session_endpoint), and the next sign-in on this tab asks who is
 * signing in (prompt=login): on a shared device, the next member never
 * continues as the last one.
 */
import * as oauth from 'oauth4webapi';

export type AppConfig = { issuer: string; clientId: string; resource?: string; electionsUrl: string };
export type Session = { accessToken: string; idToken?: string; subject: string; expiresAt: number };

const pending = 'ekklesia.signin';
const stored = 'ekklesia.session';
/** Set at sign-out: the next sign-in on this tab asks who is signing in. */
const askWho = 'ekklesia.askWho';
const callbackPath = '/app/callback';
// The local stack's provider runs on plain HTTP over loopback; production issuers are https.
const options = (config: AppConfig) =>
  new URL(config.issuer).protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};

async function server(config: AppConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options(config)));
}

const redirectUri = () => `${location.origin}${callbackPath}`;

export async function signIn(config: AppConfig, switchMember = sessionStorage.getItem(askWho) === '1'): Promise<void> {
  const as = await server(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(pending, JSON.stringify({ verifier, state }));
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (config.resource) url.searchParams.set('resource', config.resource);
  if (switchMember) url.searchParams.set('prompt', 'login');
  location.assign(url.href);
}

export const isCallback = () => location.pathname === callbackPath;

/** Finishes the sign-in on the callback page; the address bar is /app/ again before anything is shown. */
export async function completeSignIn(config: AppConfig): Promise<Session> {
  const current = new URL(location.href);
  history.replaceState(null, '', '/app/');
  const round = JSON.parse(sessionStorage.getItem(pending) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(pending);
  if (!round) throw new Error('no sign-in in progress');
  const as = await server(config);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(as, client, current, round.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    round.verifier,
    options(config),
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  sessionStorage.removeItem(askWho);
  const session: Session = {
    accessToken: tokens.access_token,
    ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
    subject: String(claims?.sub ?? ''),
    expiresAt: Date.now() + (tokens.expires_in ?? 3600) * 1000,
  };
  sessionStorage.setItem(stored, JSON.stringify(session));
  return session;
}

export function currentSession(): Session | undefined {
  const session = JSON.parse(sessionStorage.getItem(stored) ?? 'null') as Session | null;
  return session && session.expiresAt > Date.now() + 30_000 ? session : undefined;
}

/**
 * Forgets the session on this tab and ends the provider's: the browser goes to its end_session_endpoint and comes
 * back to /app/. Resolves (without leaving) when the provider cannot be reached or has no such endpoint: the app is
 * signed out, and the next sign-in still asks who.
 */
export async function signOut(config: AppConfig): Promise<void> {
  const session = JSON.parse(sessionStorage.getItem(stored) ?? 'null') as Session | null;
  sessionStorage.removeItem(stored);
  sessionStorage.setItem(askWho, '1');
  const as = await server(config).catch(() => undefined);
  if (!as?.end_session_endpoint) return;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${location.origin}/app/`);
  if (session?.idToken) url.searchParams.set('id_token_hint', session.idToken);
  location.assign(url.href);
}
