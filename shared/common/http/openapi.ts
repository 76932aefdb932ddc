/**
 * An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0) generated
 * from the route contracts and their valibot schemas: every path with its
 * parameters, body, success answers and every error code it may answer,
 * grouped by status, the security each route needs, and the headers every
 * answer carries. Loaded only when a document is asked for.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { errorStatuses, retryAfterSeconds, type ErrorCode } from './errors.js';
import { ErrorBodySchema, errorsOf, type Access, type RouteContract } from './contract.js';

export type DocumentInfo = { title: string; description: string; version: string };

type Json = Record<string, unknown>;

const schemaOf = (schema: v.GenericSchema): Json => {
  const { $schema: _drop, ...rest } = toJsonSchema(schema as never, {
    target: 'draft-2020-12',
    errorMode: 'ignore',
  }) as Json;
  return rest;
};

export const securitySchemes: Record<Exclude<Access, 'public' | 'ballots'>, Json> = {
  operator: {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator key of the deployment (bootstraps organisations).',
  },
  signedIn: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A JWT of the configured identity provider (RS256/ES256, issuer and audience checked), for any subject.',
  },
  admin: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A JWT of the configured identity provider (RS256/ES256, issuer and audience checked); the subject must be an active admin on the org's roster.",
  },
  member: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A JWT of the configured identity provider; the subject must be an active member (any role) on the org's roster.",
  },
  voter: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A JWT of the configured identity provider; the subject must be an active member on the org's roster (an inactive one is 403 not_eligible).",
  },
  ballot: {
    type: 'http',
    scheme: 'bearer',
    description: 'The voting token: 43 characters of base64url, as issued by the events function.',
  },
  s2s: {
    type: 'apiKey',
    in: 'header',
    name: 'x-ekklesia-signature',
    description:
      "HMAC-SHA256 with the org's key (derived from a master key named by x-ekklesia-key-id) over method, path, " +
      'x-ekklesia-timestamp (accepted within 60 s), x-ekklesia-deadline, Idempotency-Key, the SHA-256 of the body and, when sent, traceparent; see docs/api.md.',
  },
};

/** The signed headers of an S2S request, besides the signature (shared/common/s2s/signature.ts). */
const s2sHeaderDocs: Record<string, Json> = {
  'x-ekklesia-key-id': {
    description: 'Which master key the org key is derived from (a rotation keeps two).',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' },
  },
  'x-ekklesia-timestamp': {
    description: 'Unix seconds when the request was signed; outside 60 s of the callee clock it is 401 bad_signature.',
    schema: { type: 'string', pattern: '^[0-9]{1,12}$' },
  },
  'x-ekklesia-deadline': {
    description:
      'Unix milliseconds after which the caller no longer waits (signed; at most 60 s after the timestamp). The callee makes no change it cannot commit before it and answers 503 unavailable instead.',
    schema: { type: 'string', pattern: '^[0-9]{1,15}$' },
  },
  'Idempotency-Key': {
    description: 'The caller key for this logical request (signed): a retry with it gets the first answer.',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  },
};

/** The caller's trace context, optional and signed when sent: the callee's span continues the caller's trace. */
const s2sTraceHeader: Json = {
  name: 'traceparent',
  in: 'header',
  required: false,
  description:
    "The caller's W3C trace context (signed when sent: altered, the request is 401 bad_signature); the callee's span continues that trace.",
  schema: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
};

const creationKeyHeader: Json = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the creation safe to repeat: the same request again within a day is answered with what the first made; the key with another request is 409 idempotency_conflict.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
};

const ifNoneMatchHeader: Json = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'The ETag of the answer the client holds: unchanged, the answer is 304 with no body.',
  schema: { type: 'string', maxLength: 200 },
};
const etagHeaders: Json = {
  ETag: { description: 'Names this body; send it back as If-None-Match.', schema: { type: 'string' } },
  'Cache-Control': { description: '`private, no-cache`: ask again each time.', schema: { type: 'string' } },
};

function errorResponses(route: RouteContract): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorsOf(route))
    byStatus.set(errorStatuses[code], [...(byStatus.get(errorStatuses[code]) ?? []), code]);
  const out: Json = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const retry = codes.some((c) => retryAfterSeconds[c] !== undefined);
    out[String(status)] = {
      description: codes.map((c) => `\`${c}\``).join(', '),
      headers: {
        'x-request-id': { $ref: '#/components/headers/RequestId' },
        ...(retry ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } : {}),
      },
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: '#/components/schemas/Error' }, { properties: { code: { enum: codes } } }] },
        },
      },
    };
  }
  return out;
}

function operation(route: RouteContract): Json {
  const responses: Json = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    responses[status] = {
      description: { '201': 'Created', '202': 'Accepted', '503': 'Unavailable' }[status] ?? 'OK',
      headers: {
        'x-request-id': { $ref: '#/components/headers/RequestId' },
        ...(route.conditional && status === '200' ? etagHeaders : {}),
      },
      content: { [route.contentType ?? 'application/json']: { schema: schemaOf(schema as v.GenericSchema) } },
    };
  }
  if (route.conditional)
    responses['304'] = {
      description: 'Not Modified: the body named by If-None-Match is still the answer.',
      headers: { 'x-request-id': { $ref: '#/components/headers/RequestId' }, ...etagHeaders },
    };
  Object.assign(responses, errorResponses(route));
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
    // A batch's tokens are in its body (the request schema says so): no scheme OpenAPI can name.
    security: route.access === 'public' || route.access === 'ballots' ? [] : [{ [route.access]: [] }],
    parameters: [
      ...Object.entries(route.params ?? {}).map(([name, schema]) => ({
        name,
        in: 'path',
        required: true,
        schema: schemaOf(schema),
      })),
      ...(route.access === 's2s'
        ? [
            ...Object.entries(s2sHeaderDocs).map(([name, doc]) => ({ name, in: 'header', required: true, ...doc })),
            s2sTraceHeader,
          ]
        : []),
      ...(route.idempotencyKey ? [creationKeyHeader] : []),
      ...(route.conditional ? [ifNoneMatchHeader] : []),
      { $ref: '#/components/parameters/RequestId' },
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: schemaOf(route.body),
                ...(route.example === undefined ? {} : { example: route.example }),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(info: DocumentInfo, routes: readonly RouteContract[]): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  const used = new Set(
    routes
      .map((r) => r.access)
      .filter((a): a is Exclude<Access, 'public' | 'ballots'> => a !== 'public' && a !== 'ballots'),
  );
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: { Error: schemaOf(ErrorBodySchema) },
      securitySchemes: Object.fromEntries([...used].sort().map((a) => [a, securitySchemes[a]])),
      headers: {
        RequestId: {
          description: 'The request id, also in every log line and error body.',
          schema: { type: 'string' },
        },
        RetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
      },
      parameters: {
        RequestId: {
          name: 'x-request-id',
          in: 'header',
          required: false,
          description: 'Kept when it is 8–128 characters of A-Za-z0-9._:-; otherwise a fresh one is made.',
          schema: { type: 'string' },
        },
      },
    },
  };
}
