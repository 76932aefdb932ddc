/**
 * The local identity provider speaks OpenID Connect for real: a client built
 * with oauth4webapi discovers it, signs in with the authorization code flow
 * and PKCE through the development sign-in page, and gets an access token
 * that the events function's own verifier accepts for the subject typed.
 * Without PKCE, with a redirect the client does not own, or with a subject
 * that is no subject, there is no token.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';
import { devAudience, generateKeys, startIdp, type Idp } from '../../../local/idp/devIdp.js';
import { webClientId } from '../../../local/idp/oidcProvider.js';
import { createIdentityVerifier } from '../../../shared/common/auth/index.js';

const redirect = 'http://127.0.0.1:9/app/callback';
const insecure = { [oauth.allowInsecureRequests]: true };
let idp: Idp;
let as: oauth.AuthorizationServer;
const client: oauth.Client = { client_id: webClientId };

before(async () => {
  idp = await startIdp(await generateKeys(), 0, '127.0.0.1', [redirect]);
  const issuer = new URL(idp.issuer);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
});
after(() => idp.close());

/** A browser's part: follows nothing by itself, keeps the provider's cookies. */
function browser() {
  const jar = new Map<string, string>();
  return async (url: string | URL, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return { res, location: res.headers.get('location') ? new URL(res.headers.get('location')!, url).href : undefined };
  };
}

async function authorize(options: { pkce?: boolean; redirectUri?: string; prompt?: string } = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', webClientId);
  url.searchParams.set('redirect_uri', options.redirectUri ?? redirect);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid');
  url.searchParams.set('state', state);
  if (options.prompt) url.searchParams.set('prompt', options.prompt);
  if (options.pkce !== false) {
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return { url, verifier, state };
}

test('code flow with PKCE through the development sign-in: the API verifies the access token as the subject', async () => {
  const go = browser();
  const { url, verifier, state } = await authorize();
  const start = await go(url);
  assert.equal(start.res.status, 303);
  assert.match(start.location!, /\/interaction\//);
  const page = await go(start.location!);
  const html = await page.res.text();
  assert.match(html, /Development sign-in/);
  assert.match(page.res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const login = await go(`${start.location}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'subject=ann',
  });
  let location = login.location!;
  while (!location.startsWith(redirect)) location = (await go(location)).location!;
  const params = oauth.validateAuthResponse(as, client, new URL(location), state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirect,
    verifier,
    insecure,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  assert.equal(oauth.getValidatedIdTokenClaims(tokens)?.sub, 'ann');

  const verify = createIdentityVerifier({ issuer: idp.issuer, audience: devAudience, jwksUrl: idp.jwksUrl });
  assert.deepEqual(await verify(tokens.access_token), { subject: 'ann' });
  assert.equal(await verify(tokens.id_token!), undefined, 'the ID token is for the app, not the API');

  const again = await go(start.location!);
  assert.notEqual(again.res.status, 200, 'the sign-in cannot be replayed');
  const signedIn = await go((await authorize()).url);
  assert.ok(signedIn.location?.startsWith(redirect), 'signed in already: straight back with a code');
  assert.ok(new URL(signedIn.location!).searchParams.get('code'));
  const switching = await go((await authorize({ prompt: 'login' })).url);
  assert.match(switching.location!, /\/interaction\//, 'prompt=login asks again, to switch members');
  assert.match(await (await go(switching.location!)).res.text(), /Continue as <strong>ann<\/strong>/);
});

test('no PKCE, a redirect the client does not own, or a subject that is no subject: no code', async () => {
  const go = browser();
  const noPkce = await go((await authorize({ pkce: false })).url);
  assert.ok(noPkce.location?.startsWith(redirect), 'the error goes back to the app');
  assert.equal(new URL(noPkce.location!).searchParams.get('error'), 'invalid_request');
  assert.equal(new URL(noPkce.location!).searchParams.get('code'), null);

  const foreign = await go((await authorize({ redirectUri: 'https://evil.example/cb' })).url);
  assert.equal(foreign.location, undefined, 'never redirected to an unregistered address');
  assert.equal(foreign.res.status, 400);

  const start = await go((await authorize()).url);
  await go(start.location!);
  const bad = await go(`${start.location}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'subject=%3Cscript%3E',
  });
  assert.equal(bad.res.status, 400);
  assert.equal(bad.location, undefined);
});
