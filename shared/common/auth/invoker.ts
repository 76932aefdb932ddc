/**
 * Who may call a worker: Pub/Sub push subscriptions and Cloud Scheduler jobs
 * send an OIDC ID token of their service account
 * (https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions).
 * The token must be signed by the issuer's keys, be meant for this audience,
 * unexpired, and name the configured service account with a verified e-mail.
 * jose verifies it, as it does members' JWTs; the issuer and its JWKS are
 * settings, so the local stack can sign as the push service account.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { InvokerConfig } from '../config/index.js';
import { bearerToken } from './bearer.js';

export type VerifyInvoker = (authorization: string | undefined) => Promise<boolean>;

const google = 'https://accounts.google.com';

export function createInvokerVerifier(config: InvokerConfig, keys?: JWTVerifyGetKey): VerifyInvoker {
  const jwks = keys ?? createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 1500, cooldownDuration: 30_000 });
  // Google writes its issuer with and without the scheme.
  const issuers = config.issuer === google ? [google, 'accounts.google.com'] : [config.issuer];
  return async (authorization) => {
    const jwt = bearerToken(authorization);
    if (!jwt) return false;
    try {
      const { payload } = await jwtVerify(jwt, jwks, {
        issuer: issuers,
        audience: config.audience,
        algorithms: ['RS256', 'ES256'],
        requiredClaims: ['exp', 'iat', 'email'],
        clockTolerance: 5,
      });
      return payload.email === config.serviceAccount && payload.email_verified === true;
    } catch {
      return false;
    }
  };
}
