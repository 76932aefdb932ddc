/**
 * Member/admin identity: a JWT (RS256 or ES256) verified against the
 * configured issuer's JWKS, with issuer and audience checked. The identity is
 * the `sub` claim only; roles and eligibility come from the org's roster.
 * A token verified once is trusted again without its signature for at most
 * a minute (never past its `exp`): a member page polls every 1.5 s with the
 * same token, and the signature check is most of what a poll costs. A key
 * the identity provider withdraws stops being honoured within that minute.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import * as v from 'valibot';
import { Subject } from '../../../schemas/common.js';

export type IdentityConfig = { issuer: string; audience: string; jwksUrl: string };
export type Identity = { subject: string };
export type VerifyIdentity = (jwt: string) => Promise<Identity | undefined>;

const trustedForMs = 60_000;
const maxTrusted = 20_000;

export function createIdentityVerifier(
  config: IdentityConfig,
  keys?: JWTVerifyGetKey,
  clock: () => number = Date.now,
): VerifyIdentity {
  const jwks = keys ?? createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 1500, cooldownDuration: 30_000 });
  const verified = new Map<string, { identity: Identity; until: number }>();
  return async (jwt) => {
    const known = verified.get(jwt);
    if (known && clock() < known.until) return known.identity;
    if (known) verified.delete(jwt);
    try {
      const { payload } = await jwtVerify(jwt, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ['RS256', 'ES256'],
        requiredClaims: ['sub', 'exp'],
        clockTolerance: 5,
      });
      // The subject names a roster entry: only a string the roster can hold (a number or a NUL is no subject).
      if (typeof payload.sub !== 'string' || !v.is(Subject, payload.sub)) return undefined;
      const identity = { subject: payload.sub };
      if (verified.size >= maxTrusted) verified.delete(verified.keys().next().value!);
      verified.set(jwt, { identity, until: Math.min(clock() + trustedForMs, payload.exp! * 1000) });
      return identity;
    } catch {
      return undefined;
    }
  };
}
