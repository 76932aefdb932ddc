/**
 * CORS for an API that a browser on another origin calls (the web app → the voter API). Hono's own `cors` sets its
 * headers on `c.res` before the handler runs: that builds a response per request, and every answer is then copied
 * into a new WHATWG Response that @hono/node-server must read back as a stream (in a burst, about 30 % of the
 * elections function's CPU). This one sets its headers as prepared headers, before any response exists, so an
 * answer keeps node-server's direct path.
 */
import type { MiddlewareHandler } from 'hono';
import { header } from './header.js';

export type CorsOptions = {
  /** Exact origins (scheme, host, port) whose pages may call; any other gets no allowance. */
  origins: readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  /** Response headers a page may read beyond the safelisted ones (Retry-After, x-request-id). */
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
};

export function cors(options: CorsOptions): MiddlewareHandler {
  const origins = new Set(options.origins);
  const methods = options.allowMethods.join(', ');
  const headers = options.allowHeaders.join(', ');
  const expose = options.exposeHeaders.join(', ');
  const maxAge = String(options.maxAgeSeconds);
  return async (c, next) => {
    const origin = header(c, 'origin');
    const allowed = origin !== undefined && origins.has(origin);
    // The answer depends on the Origin asked with: a shared cache must keep one per origin.
    c.header('Vary', 'Origin');
    if (allowed) c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS') {
      // A preflight: what the page may send, for how long; the route itself is never run.
      if (allowed) {
        c.header('Access-Control-Allow-Methods', methods);
        c.header('Access-Control-Allow-Headers', headers);
        c.header('Access-Control-Max-Age', maxAge);
      }
      return c.body(null, 204);
    }
    if (allowed) c.header('Access-Control-Expose-Headers', expose);
    await next();
  };
}
