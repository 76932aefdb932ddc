/**
 * The web app (web/), served by the events function from WEB_APP_DIR under
 * /app/: only the files that were there at start, read once, each with a
 * strict Content-Security-Policy (scripts and styles from this origin only;
 * connections to this origin, the identity provider and the elections
 * function), and /app/config.json, the settings the app needs (no secret:
 * the app is a public client). Any other path under /app/ that names no file
 * is a page of the app and gets index.html. Each answer has a strong ETag
 * (a hash of its bytes) and `Cache-Control: no-cache`: a browser asks again
 * on every load, and a reload of an unchanged app costs 304s, no bytes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { ApiError, type App } from '../../shared/common/http/index.js';

export type WebAppSettings = {
  dir: string;
  issuer: string;
  clientId: string;
  resource: string | undefined;
  electionsUrl: string;
};

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

type Served = { body: Buffer; type: string; etag: string };
const etagOf = (body: Buffer | string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

function readFiles(dir: string, prefix = '/app'): Map<string, Served> {
  const files = new Map<string, Served>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      for (const [k, v] of readFiles(full, `${prefix}/${name}`)) files.set(k, v);
    } else if (types[path.extname(name)]) {
      const body = readFileSync(full);
      files.set(`${prefix}/${name}`, { body, type: types[path.extname(name)]!, etag: etagOf(body) });
    }
  }
  return files;
}

export function serveWebApp(app: App, settings: WebAppSettings): void {
  const files = readFiles(settings.dir);
  const index = files.get('/app/index.html');
  if (!index) throw new Error(`WEB_APP_DIR ${settings.dir} has no index.html: run npm run build`);
  const connect = new Set(["'self'", new URL(settings.issuer).origin, new URL(settings.electionsUrl).origin]);
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src ${[...connect].join(' ')}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  const config = JSON.stringify({
    issuer: settings.issuer,
    clientId: settings.clientId,
    ...(settings.resource ? { resource: settings.resource } : {}),
    electionsUrl: settings.electionsUrl.replace(/\/$/, ''),
  });
  const served: Served = { body: Buffer.from(config), type: 'application/json', etag: etagOf(config) };
  /** The file, or 304 when the browser holds these very bytes (If-None-Match, RFC 9110 §13.1.2). */
  const answer = (c: Context, file: Served) => {
    const held = c.req.header('if-none-match');
    const same = held !== undefined && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag);
    const h = { ...headers(file.type), etag: file.etag };
    return same ? c.body(null, 304, h) : c.body(new Uint8Array(file.body), 200, h);
  };
  app.get('/app', (c) => c.redirect('/app/', 301));
  app.get('/app/config.json', (c) => answer(c, served));
  app.get('/app/*', (c) => {
    const file = files.get(c.req.path);
    if (file) return answer(c, file);
    if (path.extname(c.req.path)) throw new ApiError('not_found', 'no such file');
    return answer(c, index);
  });
}
