/**
 * The deploy shape: an app registered as a functions-framework HTTP target.
 *
 * functions-framework parses every request body before a function runs
 * (body-parser: JSON, text, forms, anything else raw, up to 1 GB), and a body
 * it cannot parse gets Express's HTML error page with a stack trace. The app
 * reads bodies itself, through one counted 64 KiB limit, with the contract's
 * JSON errors (body.ts). So the framework's parsers are made to leave the
 * body unread: the framework looks them up when it builds its server, which
 * happens after the function module registers, so replacing them here takes
 * effect. functions-framework is pinned; test/shared/common/http/app.unit.test.ts
 * runs the HTTP error cases in this shape too, so an upgrade that changes
 * this fails there.
 */
import { createRequire } from 'node:module';
import * as ff from '@google-cloud/functions-framework';
import { getRequestListener } from '@hono/node-server';
import type { App } from './app.js';

type Middleware = (req: unknown, res: unknown, next: () => void) => void;

function leaveBodiesToTheApp(): void {
  const frameworkRequire = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
  const bodyParser = frameworkRequire('body-parser') as Record<string, unknown>;
  const unread = (): Middleware => (_req, _res, next) => next();
  for (const parser of ['json', 'text', 'urlencoded', 'raw']) bodyParser[parser] = unread;
}

export function registerFunction(target: string, app: App): void {
  leaveBodiesToTheApp();
  ff.http(target, getRequestListener(app.fetch));
}
