/**
 * shared/common/auth/jwt.ts: a verified token is trusted again without its
 * signature for at most a minute and never past its exp; a refused one is
 * never kept; another token of the same member is verified on its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWTVerifyGetKey } from 'jose';
import { createIdentityVerifier } from '../../../../shared/common/auth/index.js';

const config = { issuer: 'https://idp.test', audience: 'ekklesia', jwksUrl: 'https://idp.test/jwks' };

async function setUp() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), alg: 'ES256', kid: 'k1' }] });
  let lookups = 0;
  const keys: JWTVerifyGetKey = (header, token) => {
    lookups++;
    return jwks(header, token);
  };
  let now = Date.now();
  const verify = createIdentityVerifier(config, keys, () => now);
  const sign = (subject: string, ttlSeconds: number) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(privateKey);
  return { verify, sign, lookups: () => lookups, advance: (ms: number) => (now += ms) };
}

test('a verified token is trusted for a minute at most, then verified again', async () => {
  const s = await setUp();
  const jwt = await s.sign('ann', 3600);
  assert.deepEqual(await s.verify(jwt), { subject: 'ann' });
  assert.deepEqual(await s.verify(jwt), { subject: 'ann' });
  assert.equal(s.lookups(), 1, 'the second time without the signature');
  s.advance(59_000);
  await s.verify(jwt);
  assert.equal(s.lookups(), 1);
  s.advance(2_000);
  assert.deepEqual(await s.verify(jwt), { subject: 'ann' });
  assert.equal(s.lookups(), 2, 'after a minute, verified again');
  const other = await s.sign('ann', 3600);
  await s.verify(other);
  assert.equal(s.lookups(), 3, 'another token of the same member is its own');
});

test('never past its exp; a refused token is refused every time', async () => {
  const s = await setUp();
  const short = await s.sign('bob', 20);
  assert.deepEqual(await s.verify(short), { subject: 'bob' });
  s.advance(21_000);
  await s.verify(short);
  assert.equal(s.lookups(), 2, 'past its exp, the token is checked again (and jose judges it by the real clock)');
  const forged = `${(await s.sign('eve', 3600)).slice(0, -4)}AAAA`;
  assert.equal(await s.verify(forged), undefined);
  assert.equal(await s.verify(forged), undefined);
  assert.equal(s.lookups(), 4, 'a refusal is not kept');
});
