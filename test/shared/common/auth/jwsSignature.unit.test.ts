/**
 * shared/common/auth/jwsSignature.ts against jose's jwtVerify as the oracle:
 * for every token below, valid or crafted, the synchronous check and jose
 * agree, and both say what the case expects: ES256 and RS256 accepted;
 * alg none, an HMAC signed with the public key (algorithm confusion), a
 * `crit` extension, a key of the wrong type or too short, a tampered payload
 * or signature, a wrong issuer or audience, an exp past the tolerance, an
 * nbf in the future, an iat that is no number, a missing exp, and malformed
 * compact forms all refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, sign as signBytes } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { checkedClaims, readJws } from '../../../../shared/common/auth/jwsSignature.js';

const issuer = 'https://idp.test';
const audience = 'ekklesia';
const es = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const es384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaShort = generateKeyPairSync('rsa', { modulusLength: 1024 });
const now = Math.floor(Date.now() / 1000);
const b64 = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  iss: issuer,
  aud: audience,
  sub: 'ann',
  iat: now,
  exp: now + 600,
  ...extra,
});
const sign = (alg: 'ES256' | 'RS256', key: typeof es.privateKey, payload = claims(), header: object = {}) =>
  new SignJWT(payload).setProtectedHeader({ alg, ...header }).sign(key);

/** A token signed by hand, for what jose will not sign (a crafted header, an HMAC keyed with the public key). */
const craft = (header: object, payload: object, secret: Buffer) => {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};

/** A token signed by hand (ES256, or RS256 with an RSA key) where jose would refuse to sign it. */
const craftSigned = (header: object, payload: object, key = es.privateKey) => {
  const head = `${b64(header)}.${b64(payload)}`;
  const ec = key.asymmetricKeyType === 'ec';
  const signature = signBytes('sha256', Buffer.from(head), ec ? { key, dsaEncoding: 'ieee-p1363' } : key);
  return `${head}.${signature.toString('base64url')}`;
};

const ours = (jwt: string, key: unknown) => {
  const jws = readJws(jwt);
  return jws ? checkedClaims(jws, key, { issuer, audience, nowS: Date.now() / 1000, toleranceS: 5 }) : undefined;
};
const jose = (jwt: string, key: Parameters<typeof jwtVerify>[1]) =>
  jwtVerify(jwt, key, {
    issuer,
    audience,
    algorithms: ['RS256', 'ES256'],
    requiredClaims: ['sub', 'exp'],
    clockTolerance: 5,
  }).then(
    (r) => r.payload,
    () => undefined,
  );

test('the synchronous check and jose agree on every token, valid or crafted', async () => {
  const good = await sign('ES256', es.privateKey);
  const cases: [string, string, typeof es.publicKey, boolean][] = [
    ['ES256 signed by hand, no extension', craftSigned({ alg: 'ES256' }, claims()), es.publicKey, true],
    ['ES256', good, es.publicKey, true],
    ['RS256', await sign('RS256', rsa.privateKey), rsa.publicKey, true],
    [
      'an audience in a list',
      await sign('ES256', es.privateKey, claims({ aud: ['other', audience] })),
      es.publicKey,
      true,
    ],
    [
      'exp 3 s past, within the tolerance',
      await sign('ES256', es.privateKey, claims({ exp: now - 3 })),
      es.publicKey,
      true,
    ],
    ['alg none', `${b64({ alg: 'none' })}.${b64(claims())}.`, es.publicKey, false],
    [
      'HS256 keyed with the public key',
      craft({ alg: 'HS256' }, claims(), Buffer.from(es.publicKey.export({ type: 'spki', format: 'pem' }))),
      es.publicKey,
      false,
    ],
    [
      'a crit extension',
      craftSigned({ alg: 'ES256', crit: ['x-ekklesia'], 'x-ekklesia': 1 }, claims()),
      es.publicKey,
      false,
    ],
    ['ES256 against an RSA key', good, rsa.publicKey, false],
    ['ES256 on P-384', craftSigned({ alg: 'ES256' }, claims(), es384.privateKey), es384.publicKey, false],
    ['RS256 with 1024 bits', craftSigned({ alg: 'RS256' }, claims(), rsaShort.privateKey), rsaShort.publicKey, false],
    ['another key', good, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey, false],
    [
      'a tampered payload',
      `${good.split('.')[0]}.${b64(claims({ sub: 'eve' }))}.${good.split('.')[2]}`,
      es.publicKey,
      false,
    ],
    ['a tampered signature', `${good.slice(0, -4)}AAAA`, es.publicKey, false],
    ['a wrong issuer', await sign('ES256', es.privateKey, claims({ iss: 'https://evil.test' })), es.publicKey, false],
    ['a wrong audience', await sign('ES256', es.privateKey, claims({ aud: 'other' })), es.publicKey, false],
    ['expired', await sign('ES256', es.privateKey, claims({ exp: now - 60 })), es.publicKey, false],
    ['not yet valid', await sign('ES256', es.privateKey, claims({ nbf: now + 60 })), es.publicKey, false],
    [
      'iat a string',
      await sign('ES256', es.privateKey, { ...claims(), iat: 'now' as unknown as number }),
      es.publicKey,
      false,
    ],
    ['no exp', await sign('ES256', es.privateKey, { iss: issuer, aud: audience, sub: 'ann' }), es.publicKey, false],
    ['four parts', `${good}.x`, es.publicKey, false],
    ['not base64url', good.replace('.', '.+'), es.publicKey, false],
    [
      'a header that is a list',
      `${b64([{ alg: 'ES256' }])}.${good.split('.').slice(1).join('.')}`,
      es.publicKey,
      false,
    ],
  ];
  for (const [name, jwt, key, accepted] of cases) {
    const byUs = ours(jwt, key);
    const byJose = await jose(jwt, key);
    assert.equal(byUs !== undefined, accepted, `${name}: ours`);
    assert.equal(byJose !== undefined, accepted, `${name}: jose`);
    if (accepted) assert.deepEqual(byUs, byJose, `${name}: the same claims`);
  }
});
