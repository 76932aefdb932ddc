/** S2S signatures: what is signed, the replay window, key rotation and the key setting. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseMasterKeys, sign, verify, s2sHeaders } from '../../../../shared/common/s2s/index.js';

const secret = () => randomBytes(32).toString('base64url');

describe('signatures', () => {
  const keys = parseMasterKeys(`old:${secret()},new:${secret()}`);
  const req = { method: 'POST', path: '/v1/s2s/orgs/acme/elections/e1/open', body: '{}', idempotencyKey: 'open:e1' };
  const now = 1_800_000_000;
  const signed = (keyId: string, at = now, orgId = 'acme', deadline = at * 1000 + 1200) => {
    const h = sign(req, orgId, keyId, keys.get(keyId) ?? Buffer.alloc(32), at, deadline);
    return {
      ...req,
      orgId: 'acme',
      keyId: h[s2sHeaders.keyId],
      timestamp: h[s2sHeaders.timestamp],
      deadline: h[s2sHeaders.deadline],
      signature: h[s2sHeaders.signature],
    };
  };

  test('a trace context sent is signed: altered, added or dropped on the way, the signature fails', () => {
    const traced = { ...req, traceparent: `00-${'a1'.repeat(16)}-${'b2'.repeat(8)}-01` };
    const h = sign(traced, 'acme', 'new', keys.get('new')!, now, now * 1000 + 1200);
    assert.equal(h[s2sHeaders.traceparent], traced.traceparent);
    const input = {
      ...traced,
      orgId: 'acme',
      keyId: 'new',
      timestamp: h[s2sHeaders.timestamp],
      deadline: h[s2sHeaders.deadline],
      signature: h[s2sHeaders.signature],
    };
    assert.equal(verify(input, keys, now, 60), undefined);
    const forced = `00-${'a1'.repeat(16)}-${'c3'.repeat(8)}-01`;
    assert.match(verify({ ...input, traceparent: forced }, keys, now, 60) ?? '', /signature mismatch/);
    assert.match(verify({ ...input, traceparent: undefined }, keys, now, 60) ?? '', /signature mismatch/);
    assert.match(verify({ ...signed('new'), traceparent: forced }, keys, now, 60) ?? '', /signature mismatch/);
    // Without one, the signature is what it was before trace context existed: with tracing off, either side may be
    // deployed first; with it on, the elections function first (docs/OPERATIONS.md).
    assert.equal(
      signed('new').signature,
      sign(req, 'acme', 'new', keys.get('new')!, now, now * 1000 + 1200)[s2sHeaders.signature],
    );
  });

  test('both keys of a rotation are accepted', () => {
    assert.equal(verify(signed('old'), keys, now, 60), undefined);
    assert.equal(verify(signed('new'), keys, now, 60), undefined);
  });

  const refused: [string, () => Parameters<typeof verify>[0], RegExp][] = [
    ['a retired key', () => signed('old'), /unknown key id/],
    ['a tampered body', () => ({ ...signed('new'), body: '{"x":1}' }), /signature mismatch/],
    ['another path', () => ({ ...signed('new'), path: '/v1/s2s/orgs/acme/elections/e1/close' }), /signature mismatch/],
    ['another org', () => signed('new', now, 'evil'), /signature mismatch/],
    ['another idempotency key', () => ({ ...signed('new'), idempotencyKey: 'open:e2' }), /signature mismatch/],
    ['a timestamp outside the replay window', () => signed('new', now - 61), /replay window/],
    ['a timestamp from the future', () => signed('new', now + 61), /replay window/],
    ['no signature', () => ({ ...signed('new'), signature: undefined }), /signature mismatch/],
    [
      'a later deadline than was signed',
      () => ({ ...signed('new'), deadline: String(now * 1000 + 9000) }),
      /signature mismatch/,
    ],
    ['no deadline', () => ({ ...signed('new'), deadline: undefined }), /missing deadline/],
    [
      'a deadline beyond the replay window',
      () => signed('new', now, 'acme', (now + 61) * 1000),
      /beyond the replay window/,
    ],
  ];
  for (const [name, input, reason] of refused) {
    test(`refused: ${name}`, () => {
      const afterRotation =
        name === 'a retired key' ? parseMasterKeys(`new:${keys.get('new')!.toString('base64url')}`) : keys;
      assert.match(verify(input(), afterRotation, now, 60) ?? 'accepted', reason);
    });
  }

  test('key settings are checked', () => {
    assert.throws(() => parseMasterKeys('k1:short'), /at least 32 bytes/);
    assert.throws(() => parseMasterKeys(`a:${secret()},b:${secret()},c:${secret()}`), /one or two keys/);
    assert.throws(() => parseMasterKeys(`a:${secret()},a:${secret()}`), /twice/);
  });
});
