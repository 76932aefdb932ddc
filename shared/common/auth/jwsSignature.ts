/**
 * A member's JWT read and checked for the two algorithms identity providers
 * sign them with (RS256, ES256), synchronously with `node:crypto`, as RFC
 * 7515, 7519 and 8725 ask: three base64url parts; a header that is a JSON
 * object naming one of the two algorithms (never `none`, never a MAC, so no
 * key can be used as an HMAC secret) and no `crit` extension (none is
 * understood, so a token that demands one is refused); a key of the
 * algorithm's own type (a public P-256 key for ES256, a public RSA key of
 * 2048 bits or more for RS256); the signature over the first two parts as
 * sent; then the claims: `iss` equal to the issuer, `aud` equal to or
 * containing the audience, `exp` a number not past (with a tolerance),
 * `nbf` and `iat`, when present, numbers, `nbf` not in the future. Anything
 * else: undefined, never an exception for the caller to tell apart.
 */
import { KeyObject, verify } from 'node:crypto';

export type Alg = 'RS256' | 'ES256';
export type Jws = { header: { alg: Alg; kid?: string }; parts: [string, string, string] };
export type Claims = Record<string, unknown> & { exp: number };

const base64url = /^[A-Za-z0-9_-]+$/;

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The header and parts of a compact JWS this verifier could accept, or undefined. */
export function readJws(jwt: string): Jws | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts.every((p) => base64url.test(p))) return undefined;
  const header = jsonObject(parts[0]!);
  if (!header || (header.alg !== 'RS256' && header.alg !== 'ES256')) return undefined;
  if ('crit' in header || (header.kid !== undefined && typeof header.kid !== 'string')) return undefined;
  return {
    header: { alg: header.alg, ...(typeof header.kid === 'string' ? { kid: header.kid } : {}) },
    parts: parts as [string, string, string],
  };
}

/** jose hands out the same CryptoKey per JWK: its KeyObject is made once. */
const keyObjects = new WeakMap<object, KeyObject>();

function keyObjectOf(key: unknown): KeyObject | undefined {
  if (key instanceof KeyObject) return key;
  if (typeof CryptoKey === 'undefined' || !(key instanceof CryptoKey)) return undefined;
  let made = keyObjects.get(key);
  if (!made) keyObjects.set(key, (made = KeyObject.from(key)));
  return made;
}

function fitsAlg(key: KeyObject, alg: Alg): boolean {
  if (key.type !== 'public') return false;
  if (alg === 'ES256') return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** The claims of a JWS signed by `key` for this issuer and audience and valid now, or undefined. */
export function checkedClaims(
  jws: Jws,
  key: unknown,
  expect: { issuer: string; audience: string; nowS: number; toleranceS: number },
): Claims | undefined {
  const publicKey = keyObjectOf(key);
  if (!publicKey || !fitsAlg(publicKey, jws.header.alg)) return undefined;
  const signed = Buffer.from(`${jws.parts[0]}.${jws.parts[1]}`, 'ascii');
  const signature = Buffer.from(jws.parts[2], 'base64url');
  const options = jws.header.alg === 'ES256' ? { key: publicKey, dsaEncoding: 'ieee-p1363' as const } : publicKey;
  if (!verify('sha256', signed, options, signature)) return undefined;
  const claims = jsonObject(jws.parts[1]);
  if (!claims || claims.iss !== expect.issuer) return undefined;
  const { aud } = claims;
  if (aud !== expect.audience && !(Array.isArray(aud) && aud.includes(expect.audience))) return undefined;
  if (!isNumber(claims.exp) || claims.exp <= expect.nowS - expect.toleranceS) return undefined;
  if (claims.nbf !== undefined && (!isNumber(claims.nbf) || claims.nbf > expect.nowS + expect.toleranceS))
    return undefined;
  if (claims.iat !== undefined && !isNumber(claims.iat)) return undefined;
  return claims as Claims;
}
