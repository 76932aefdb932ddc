/**
 * Reads a JSON request body and validates it with a valibot schema. Malformed
 * JSON, a non-JSON content type, unknown fields and invalid values all become
 * 400-class `ApiError`s whose message names the offending field.
 */
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import * as v from 'valibot';
import { ApiError } from './errors.js';
import { maxBodyBytes, throwTooLarge } from './limits.js';
import { header } from './header.js';

export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  return parseJson(await readText(c), schema);
}

/**
 * The raw body of a JSON request. Routes that must authorise before they
 * judge the body read it first (so no connection waits on the network), then
 * parse it once the caller's role is known.
 */
export function readText(c: Context): Promise<string> {
  const type = header(c, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return Promise.reject(new ApiError('unsupported_media_type', 'content-type must be application/json'));
  }
  return readRaw(c);
}

/**
 * The body as text whatever its type, through the one counted 64 KiB limit,
 * read once per request: a signature check (which must not judge the type
 * before the caller is known) and the route both need it.
 */
export function readRaw(c: Context): Promise<string> {
  let text = bodies.get(c.req.raw);
  if (!text) bodies.set(c.req.raw, (text = readBody(c)));
  return text;
}

const bodies = new WeakMap<Request, Promise<string>>();

function readBody(c: Context): Promise<string> {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  if (incoming) return readIncoming(incoming as IncomingWithRawBody);
  // In-process requests (app.request): the body is already in memory.
  return c.req.text().then((text) => (Buffer.byteLength(text) > maxBodyBytes ? throwTooLarge() : text));
}

type IncomingWithRawBody = HttpBindings['incoming'] & { rawBody?: Buffer };

/**
 * Reads the body straight from Node's request, without building a WHATWG
 * Request and stream around it (a tenth of a ballot's CPU when served bare).
 * functions-framework has already read it into `rawBody`. Enforces the same
 * 64 KiB limit on what it reads.
 */
function readIncoming(incoming: IncomingWithRawBody): Promise<string> {
  if (incoming.rawBody) {
    if (incoming.rawBody.length > maxBodyBytes) throwTooLarge();
    return Promise.resolve(incoming.rawBody.toString('utf8'));
  }
  // Events rather than `for await`: the stream's async iterator makes several promises per chunk.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        incoming.removeAllListeners('data');
        incoming.resume();
        reject(new ApiError('payload_too_large', `request body exceeds ${maxBodyBytes} bytes`));
      } else chunks.push(chunk);
    });
    incoming.once('end', () =>
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
    );
    incoming.once('error', reject);
  });
}

/**
 * The body of a route that takes none: nothing, or (as a signed S2S request sends) the empty JSON object, with
 * its content type. Anything else is refused before the route does anything.
 */
export async function readNoBody(c: Context): Promise<void> {
  const text = await readRaw(c);
  if (text === '') return;
  parseJson(await readText(c), v.strictObject({}));
}

export function parseJson<S extends v.GenericSchema>(text: string, schema: S): v.InferOutput<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'request body is not valid JSON');
  }
  return validate(schema, raw);
}

const objectTypes = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest']);

export function validate<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  // valibot's object schemas take an array for an object with no fields: `[]` is not `{}`.
  if (objectTypes.has(schema.type) && Array.isArray(value))
    throw new ApiError('invalid_request', 'the body must be a JSON object, not an array');
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw new ApiError('invalid_request', describe(result.issues[0]));
}

export function describe(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return 'invalid request';
  const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    return `unknown field "${path}"`;
  }
  const message = issue.received === 'undefined' ? 'is required' : issue.message;
  return path ? `${path}: ${message}` : message;
}
