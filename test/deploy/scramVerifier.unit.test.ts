/**
 * The SCRAM-SHA-256 verifier the migration job gives PostgreSQL, checked
 * against RFC 7677's example exchange: the server signature computed from
 * our ServerKey must be the RFC's, and the client proof from our StoredKey
 * must verify, as PostgreSQL verifies a login.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { scramVerifier } from '../../deploy/scramVerifier.js';

test("a verifier for RFC 7677's example password signs the RFC's exchange", () => {
  const verifier = scramVerifier('pencil', 4096, Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'));
  const match = /^SCRAM-SHA-256\$4096:([^$]+)\$([^:]+):(.+)$/.exec(verifier);
  assert.ok(match, verifier);
  const [, salt, storedKey, serverKey] = match;
  assert.equal(salt, 'W22ZaJ0SNY7soEsUEjb6gQ==');
  const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
  const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=${salt},i=4096,c=biws,r=${nonce}`;
  const serverSignature = createHmac('sha256', Buffer.from(serverKey!, 'base64')).update(authMessage).digest('base64');
  assert.equal(serverSignature, '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
  // PostgreSQL's check of the client: ClientKey = proof XOR HMAC(StoredKey, AuthMessage); SHA-256(ClientKey) = StoredKey.
  const proof = Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64');
  const clientSignature = createHmac('sha256', Buffer.from(storedKey!, 'base64')).update(authMessage).digest();
  const clientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]!));
  assert.equal(createHash('sha256').update(clientKey).digest('base64'), storedKey);
});

test('each verifier has its own salt, and the password is not in it', () => {
  const a = scramVerifier('a-password-of-twenty-four-chars');
  const b = scramVerifier('a-password-of-twenty-four-chars');
  assert.notEqual(a, b);
  assert.ok(!a.includes('a-password'));
});
