/**
 * Member/admin identity: a JWT (RS256 or ES256) verified against the
 * configured issuer's JWKS, with issuer and audience checked. The identity is
 * the `sub` claim only; roles and eligibility come from the org's roster.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import * as v from 'valibot';
import { Subject } from '../../../schemas/common.js';

export type IdentityConfig = { issuer: string; audience: string; jwksUrl: string };
export type Identity = { subject: string };
export type VerifyIdentity = (jwt: string) => Promise<Identity | undefined>;

export function createIdentityVerifier(config: IdentityConfig, keys?: JWTVerifyGetKey): VerifyIdentity {
  const jwks = keys ?? createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 1500, cooldownDuration: 30_000 });
  return async (jwt) => {
    try {
      const { payload } = await jwtVerify(jwt, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ['RS256', 'ES256'],
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 5,
      });
      // The subject names a roster entry: only a string the roster can hold (a number or a NUL is no subject).
      return typeof payload.sub === 'string' && v.is(Subject, payload.sub) ? { subject: payload.sub } : undefined;
    } catch {
      return undefined;
    }
  };
}
