/** The web app's files: a strong ETag on each, and a reload of unchanged files answered 304 without a byte. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../../shared/common/http/index.js';
import { createLogger } from '../../../shared/common/log.js';
import { serveWebApp } from '../../../functions/events/webApp.js';

function webApp() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-web-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dir, 'app.js'), 'console.log(1);');
  const app = createApp({
    log: createLogger({ level: 'silent', project: undefined }, 'test'),
    health: async () => ({ ok: true }),
  });
  serveWebApp(app, {
    dir,
    issuer: 'http://127.0.0.1:1',
    clientId: 'web',
    resource: undefined,
    electionsUrl: 'http://127.0.0.1:2',
  });
  return app;
}

test('each file has a strong ETag and no-cache; the same ETag again is 304 with no body; another is 200', async () => {
  const app = webApp();
  for (const file of ['/app/app.js', '/app/', '/app/config.json', '/app/some/page']) {
    const first = await app.request(file);
    assert.equal(first.status, 200, file);
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[A-Za-z0-9_-]{22}"$/, file);
    assert.equal(first.headers.get('cache-control'), 'no-cache');
    const again = await app.request(file, { headers: { 'if-none-match': etag! } });
    assert.equal(again.status, 304, file);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    assert.equal(again.headers.get('etag'), etag);
    assert.ok(again.headers.get('content-security-policy'), 'the 304 keeps the headers');
    const other = await app.request(file, { headers: { 'if-none-match': '"somethingelse", W/"x"' } });
    assert.equal(other.status, 200, file);
  }
  const listed = await app.request('/app/app.js', {
    headers: { 'if-none-match': `"a", ${(await app.request('/app/app.js')).headers.get('etag')}` },
  });
  assert.equal(listed.status, 304, 'one of several tags matching is enough');
});
