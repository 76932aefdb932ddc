/**
 * The HTTP contract as code: each route module exports its contract (method,
 * path, who may call it, what it takes and what it answers) beside the
 * handler that keeps it. The OpenAPI documents are generated from these
 * (openapi.ts), the app answers 405 from them, and the tests check every
 * response against them.
 */
import * as v from 'valibot';
import { errorStatuses, type ErrorCode } from './errors.js';
import { Base64Url32, OrgId, Uuid } from '../../../schemas/common.js';

/**
 * Who may call a route:
 * - `operator`: the operator key (bootstrap);
 * - `signedIn`: a JWT of the identity provider, whoever it names (the route answers for that subject only);
 * - `admin`, `member`: a JWT of the org's identity provider, and that role on the org's roster;
 * - `voter`: a JWT of an active member;
 * - `ballot`: a voting token;
 * - `s2s`: a request signed by the events function;
 * - `public`: anyone.
 */
/** Who may call a route; `ballots`: voting tokens in the body, each checked by the route (a batch cast). */
export type Access = 'operator' | 'signedIn' | 'admin' | 'member' | 'voter' | 'ballot' | 'ballots' | 's2s' | 'public';

/** Statuses answered with a body of the route's own shape (health answers 503 with its report). */
export type SuccessStatus = 200 | 201 | 202 | 503;

export type RouteContract = {
  /** The operation's name in the documents (and in generated clients). */
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Hono's pattern, e.g. `/v1/orgs/:org/elections/:id`. */
  path: string;
  summary: string;
  description: string;
  access: Access;
  /**
   * Each path parameter's schema (a malformed one is answered like an unknown one): by default the one its name
   * has in `pathParams`, so a contract names a parameter once, in its path.
   */
  params?: Record<string, v.GenericSchema>;
  body?: v.GenericSchema;
  /** A valid request body: shown in the documents and used by the tests. */
  example?: unknown;
  responses: Partial<Record<SuccessStatus, v.GenericSchema>>;
  /** `application/json` unless said otherwise. */
  contentType?: 'application/json' | 'text/html';
  /** The error codes this route answers, beyond those every route or every body may answer. */
  errors: readonly ErrorCode[];
  /** The group the route is listed under in the documents. */
  tag: string;
  /** A creation a client may repeat safely: an optional Idempotency-Key header (functions/events/creationKey.ts). */
  idempotencyKey?: 'optional';
  /**
   * A GET a client polls: its 200 carries an `ETag` (of the body) and `Cache-Control: private, no-cache`; a request
   * whose `If-None-Match` names the current one is answered 304 with no body (route.ts).
   */
  conditional?: true;
};

/** What a path parameter is, by its name, everywhere in the API. */
export const pathParams = { org: OrgId, id: Uuid, receipt: Base64Url32 } as const;
type ParamName<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamName<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
type PathParams<P extends string> = { [K in ParamName<P> & keyof typeof pathParams]: (typeof pathParams)[K] };

/** A route's contract; its path parameters' schemas come from their names unless it gives its own. */
export function defineRoute<const C extends Omit<RouteContract, 'params'> & Partial<Pick<RouteContract, 'params'>>>(
  contract: C,
): C & { params: C['params'] extends object ? C['params'] : PathParams<C['path']> } {
  const names = [...contract.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const unknown = names.filter((n) => !(n in pathParams) && !contract.params?.[n]);
  if (unknown.length) throw new Error(`${contract.operationId}: no schema for path parameter ${unknown.join(', ')}`);
  const params = contract.params ?? Object.fromEntries(names.map((n) => [n, pathParams[n as keyof typeof pathParams]]));
  return { ...contract, params } as never;
}

/** Codes any route may answer: the unexpected, and the database or a peer too busy or away. */
export const everyRouteErrors: readonly ErrorCode[] = ['internal', 'unavailable'];
/** Codes any route that reads a body may answer (every route but a GET: one that takes none refuses one). */
export const bodyErrors: readonly ErrorCode[] = [
  'invalid_json',
  'invalid_request',
  'payload_too_large',
  'unsupported_media_type',
];
/** Codes a protected route answers to the wrong caller. */
export const accessErrors: Record<Access, readonly ErrorCode[]> = {
  operator: ['unauthenticated'],
  signedIn: ['unauthenticated'],
  admin: ['unauthenticated', 'forbidden', 'not_found'],
  member: ['unauthenticated', 'forbidden', 'not_found'],
  voter: ['unauthenticated', 'not_eligible', 'not_found'],
  ballot: ['invalid_token'],
  ballots: ['invalid_token'],
  s2s: ['bad_signature'],
  public: [],
};

/** Every code a route may answer. */
export function errorsOf(route: RouteContract): ErrorCode[] {
  return [
    ...new Set([
      ...everyRouteErrors,
      ...(route.body || route.method !== 'GET' ? bodyErrors : []),
      ...accessErrors[route.access],
      ...route.errors,
    ]),
  ];
}

export const ErrorBodySchema = v.strictObject({
  code: v.picklist(Object.keys(errorStatuses) as ErrorCode[]),
  message: v.string(),
  requestId: v.string(),
});

/** Matches a concrete path against a contract's pattern; the parameters, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${source}$`).exec(path);
  if (!found) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
}

/**
 * Whether a response keeps its route's contract: a documented status, and a
 * body of the documented shape (the success schema, or the error shape with
 * one of the route's codes). The problem, or undefined.
 */
export function contractProblem(route: RouteContract, status: number, body: unknown): string | undefined {
  if (status === 304)
    return !route.conditional
      ? '304 from a route that is not conditional'
      : body === undefined
        ? undefined
        : '304 with a body';
  const success = route.responses[status as SuccessStatus];
  if (success && route.contentType === 'text/html')
    return typeof body === 'string' ? undefined : `${status} is not a page`;
  if (success) {
    const result = v.safeParse(success, body);
    if (result.success) return undefined;
    const issue = result.issues[0];
    const at = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return `${status} body leaves its documented shape at "${at}": ${issue.message}`;
  }
  const error = v.safeParse(ErrorBodySchema, body);
  if (!error.success) return `${status} body is neither a documented success nor the error shape`;
  const allowed = errorsOf(route);
  if (!allowed.includes(error.output.code))
    return `${status} ${error.output.code} is not among the route's documented codes`;
  if (errorStatuses[error.output.code] !== status)
    return `${error.output.code} came with ${status}, not ${errorStatuses[error.output.code]}`;
  return undefined;
}
