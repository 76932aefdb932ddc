/**
 * The voter API answers a browser on the web app's origin (CORS_ORIGINS):
 * a preflight for a ballot is allowed with the Authorization header, and
 * the answer (an error too) names the origin and exposes Retry-After. Any
 * other origin gets no allowance, and the S2S API none at all. Every answer varies by Origin.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadElectionsConfig } from '../../../shared/common/config/index.js';
import { wireElections } from '../../../functions/elections/wiring.js';

const app = 'http://127.0.0.1:8081';
const elections = wireElections(
  loadElectionsConfig({
    DATABASE_URL: 'postgres://ekklesia_ballot_box@127.0.0.1:1/none',
    S2S_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
    CORS_ORIGINS: `${app}, https://vote.example.org`,
    LOG_LEVEL: 'silent',
  }),
);
after(() => elections.stop());
const ballots = `/v1/elections/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/ballots`;

const preflight = (path: string, origin: string) =>
  elections.app.request(path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

test("the web app's origin may cast a ballot from the browser; its errors are readable there", async () => {
  const res = await preflight(ballots, app);
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), app);
  assert.match(res.headers.get('access-control-allow-headers') ?? '', /authorization/i);
  assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
  assert.equal(res.headers.get('access-control-max-age'), '600');
  assert.equal(res.headers.get('vary'), 'Origin');

  const refused = await elections.app.request(ballots, {
    method: 'POST',
    headers: { origin: app, 'content-type': 'application/json' },
    body: '{"choices":["yes"]}',
  });
  assert.equal(refused.status, 401);
  assert.equal(refused.headers.get('access-control-allow-origin'), app);
  assert.match(refused.headers.get('access-control-expose-headers') ?? '', /retry-after/i);
  assert.equal(refused.headers.get('vary'), 'Origin');
  assert.ok(refused.headers.get('x-request-id'), 'the headers every answer carries are kept');
});

test('another origin, and the S2S API, get no allowance', async () => {
  const other = await preflight(ballots, 'https://evil.example');
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  assert.equal(other.headers.get('access-control-allow-methods'), null);
  const otherCast = await elections.app.request(ballots, {
    method: 'POST',
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    body: '{"choices":["yes"]}',
  });
  assert.equal(otherCast.headers.get('access-control-allow-origin'), null);
  assert.equal(otherCast.headers.get('access-control-expose-headers'), null);
  const s2s = await preflight(`/v1/s2s/orgs/acme/elections/${ballots.split('/')[3]}/open`, app);
  assert.equal(s2s.headers.get('access-control-allow-origin'), null);
});

test('CORS_ORIGINS takes origins only', () => {
  assert.throws(
    () =>
      loadElectionsConfig({
        DATABASE_URL: 'postgres://x@127.0.0.1:1/none',
        S2S_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
        CORS_ORIGINS: 'https://vote.example.org/app',
      }),
    /CORS_ORIGINS/,
  );
});
