import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';

/**
 * A request header, read from Node's parsed headers when served by Node
 * (bare or functions-framework): Hono's `c.req.header()` would first build a
 * WHATWG Headers object for the request, a noticeable cost per ballot.
 */
export function header(c: Context, name: string): string | undefined {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
