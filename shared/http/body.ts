/**
 * Reads a JSON request body and validates it with a valibot schema. Malformed
 * JSON, a non-JSON content type, unknown fields and invalid values all become
 * 400-class `ApiError`s whose message names the offending field.
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import { ApiError } from './errors.js';

export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  return parseJson(await readText(c), schema);
}

/**
 * The raw body of a JSON request. Routes that must authorise before they
 * judge the body read it first (so no connection waits on the network), then
 * parse it once the caller's role is known.
 */
export async function readText(c: Context): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError('unsupported_media_type', 'content-type must be application/json');
  }
  return c.req.text();
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

export function validate<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
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
