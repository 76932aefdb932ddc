/**
 * The web app (web/), served by the events function from WEB_APP_DIR under
 * /app/: only the files that were there at start, read once, each with a
 * strict Content-Security-Policy (scripts and styles from this origin only;
 * connections to this origin, the identity provider and the elections
 * function), and /app/config.json, the settings the app needs (no secret:
 * the app is a public client). Any other path under /app/ that names no file
 * is a page of the app and gets index.html.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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

function readFiles(dir: string, prefix = '/app'): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      for (const [k, v] of readFiles(full, `${prefix}/${name}`)) files.set(k, v);
    } else if (types[path.extname(name)]) {
      files.set(`${prefix}/${name}`, { body: readFileSync(full), type: types[path.extname(name)]! });
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
  app.get('/app', (c) => c.redirect('/app/', 301));
  app.get('/app/config.json', (c) => c.body(config, 200, headers('application/json')));
  app.get('/app/*', (c) => {
    const file = files.get(c.req.path);
    if (file) return c.body(new Uint8Array(file.body), 200, headers(file.type));
    if (path.extname(c.req.path)) throw new ApiError('not_found', 'no such file');
    return c.body(new Uint8Array(index.body), 200, headers(index.type));
  });
}
