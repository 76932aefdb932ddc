/**
 * The routes every function has besides its own: its health, and its
 * documents (the OpenAPI document and browsable docs of each of its APIs).
 * The documents are built on the first request for them: the generator is
 * loaded only then, never on the ballot path.
 */
import * as v from 'valibot';
import type { Hono } from 'hono';
import { defineRoute, type RouteContract } from './contract.js';
import type { DocumentInfo } from './openapi.js';

/** One API of a function: its routes, and where its document and docs are served. */
export type ApiDocument = { info: DocumentInfo; json: string; html: string; routes: readonly RouteContract[] };

export const Health = v.looseObject({
  status: v.literal('ok'),
  ok: v.literal(true),
});

export const healthRoute = defineRoute({
  operationId: 'health',
  method: 'GET',
  path: '/healthz',
  tag: 'operations',
  summary: 'Health',
  description:
    'Whether this instance can reach its database (within 1 s), with its pool figures; 503 unavailable (with Retry-After, in the error shape) when it cannot. For load balancers and uptime checks.',
  access: 'public',
  responses: { 200: Health },
  errors: [],
});

function documentRoutes(doc: ApiDocument): RouteContract[] {
  return [
    defineRoute({
      operationId: `${doc.info.title.replace(/\W+/g, '')}OpenApi`,
      method: 'GET',
      path: doc.json,
      tag: 'documents',
      summary: `OpenAPI document: ${doc.info.title}`,
      description: 'This document: OpenAPI 3.1, generated from the schemas the function validates with.',
      access: 'public',
      responses: { 200: v.looseObject({ openapi: v.literal('3.1.0') }) },
      errors: [],
    }),
    defineRoute({
      operationId: `${doc.info.title.replace(/\W+/g, '')}Docs`,
      method: 'GET',
      path: doc.html,
      tag: 'documents',
      summary: `Browsable docs: ${doc.info.title}`,
      description: 'This document as one self-contained page.',
      access: 'public',
      contentType: 'text/html',
      responses: { 200: v.string() },
      errors: [],
    }),
  ];
}

/** Each document with its own routes and, for the first, the health route too. */
export function withBuiltins(documents: readonly ApiDocument[]): ApiDocument[] {
  return documents.map((doc, i) => ({
    ...doc,
    routes: [...(i === 0 ? [healthRoute] : []), ...documentRoutes(doc), ...doc.routes],
  }));
}

export function registerDocuments<E extends object>(
  app: Hono<E & { Variables: object }>,
  documents: readonly ApiDocument[],
): void {
  for (const doc of documents) {
    let built: Promise<Record<string, unknown>> | undefined;
    const document = () => (built ??= import('./openapi.js').then((m) => m.openApiDocument(doc.info, doc.routes)));
    app.get(doc.json, async (c) => c.json(await document()));
    app.get(doc.html, async (c) => {
      const { docsPage } = await import('./docsPage.js');
      return c.html(docsPage(await document(), doc.json));
    });
  }
}
