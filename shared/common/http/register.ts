/** The deploy shape: an app registered as a functions-framework HTTP target. */
import * as ff from '@google-cloud/functions-framework';
import { getRequestListener } from '@hono/node-server';
import type { App } from './app.js';

export function registerFunction(target: string, app: App): void {
  ff.http(target, getRequestListener(app.fetch));
}
