/**
 * One registration per route: its contract (contract.ts) is the only
 * declaration of what it takes and who may call it, as Unkey's `createRoute`
 * is both its OpenAPI and its validator. `route(app, deps, contract, handler)`
 *  1. runs the check the contract's `access` names (the function supplies
 *     one per access kind: a JWT, a voting token, the operator key…), before
 *     anything of the request is read;
 *  2. validates each path parameter with its schema: a malformed one is
 *     answered as the thing it names being unknown (404, the function says
 *     with which code);
 *  3. reads and validates the body (400, 413, 415); a route that takes none
 *     takes nothing or `{}` (as JSON) — all before the handler changes anything;
 *  4. hands the handler the typed params, body and caller, and sends what it
 *     returns: a status the contract documents and a body of that status's
 *     type, checked by the compiler; a `conditional` route's 200 with its
 *     ETag, or 304 when the client already holds that body.
 * A check that can only finish inside the handler's own transaction (the
 * roster entry of the caller, read with the change it guards) is a deferred
 * caller: route() refuses to answer for a handler that never finished it.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { AppEnv, App } from './app.js';
import { ApiError, type ErrorCode } from './errors.js';
import { parseJson, readNoBody, readText } from './body.js';
import { defineRoute, type Access, type RouteContract } from './contract.js';

type Statuses<C extends RouteContract> = Extract<keyof C['responses'], number>;

/** The body a route answers with a status: what its contract documents. */
export type ResponseOf<C extends RouteContract, S extends Statuses<C>> = C['responses'][S] extends v.GenericSchema
  ? v.InferOutput<C['responses'][S]>
  : never;
/** What a handler returns: one of the contract's statuses with a body of its type. */
export type Answer<C extends RouteContract> = {
  [S in Statuses<C>]: { status: S; body: ResponseOf<C, S> };
}[Statuses<C>];
export type ParamsOf<C extends RouteContract> =
  C['params'] extends Record<string, v.GenericSchema>
    ? { [K in keyof C['params']]: v.InferOutput<C['params'][K]> }
    : Record<string, never>;
export type BodyOf<C extends RouteContract> = C['body'] extends v.GenericSchema ? v.InferOutput<C['body']> : undefined;

/** A caller whose check finishes in the handler (in the transaction of the work it guards). */
export type Deferred = { readonly checked: boolean };

/** Per access kind, the check that gives the handler its caller (or throws the contract's refusal). */
export type Checks<Deps, Callers> = {
  [A in keyof Callers]: (c: Context<AppEnv>, deps: Deps) => Callers[A] | Promise<Callers[A]>;
};

export type Handler<C extends RouteContract, Caller> = (
  c: Context<AppEnv>,
  input: { params: ParamsOf<C>; body: BodyOf<C>; caller: Caller },
) => Promise<Answer<C>>;

const isDeferred = (caller: unknown): caller is Deferred =>
  typeof caller === 'object' && caller !== null && 'checked' in caller;

function paramsOf(
  c: Context<AppEnv>,
  contract: RouteContract,
  malformed: Record<string, { code: ErrorCode; message: string }>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(contract.params ?? {})) {
    const parsed = v.safeParse(schema, c.req.param(name) ?? '');
    if (!parsed.success) {
      const unknown = malformed[name] ?? { code: 'not_found', message: `unknown ${name}` };
      throw new ApiError(unknown.code, unknown.message);
    }
    params[name] = parsed.output;
  }
  return params;
}

/** A polled GET's answer: 304 when `If-None-Match` names this body's tag, else the body with it. */
function conditionally(c: Context<AppEnv>, body: unknown): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
  c.header('etag', etag);
  c.header('cache-control', 'private, no-cache');
  const held = c.req.header('if-none-match');
  if (held && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
  return c.body(text, 200, { 'content-type': 'application/json' });
}

/** A route as a function's app registers it: its contract (for the documents), and its registration. */
export type Route<Deps> = { contract: RouteContract; register(app: App, deps: Deps): void };

/**
 * The `route` of one function: its access checks, and how its malformed path parameters are answered. A route
 * module is one declaration: `export default route({ …contract }, (deps) => async (c, { params, body, caller }) => …)`.
 */
export function routesFor<Deps, Callers extends Partial<Record<Access, unknown>>>(options: {
  checks: Checks<Deps, Callers>;
  malformed: Record<string, { code: ErrorCode; message: string }>;
}) {
  function register<const C extends RouteContract & { access: keyof Callers & Access }>(
    app: App,
    deps: Deps,
    contract: C,
    handler: Handler<C, Callers[C['access']]>,
  ): void {
    app.on(contract.method, contract.path, async (c) => {
      const check = options.checks[contract.access] as Checks<Deps, Callers>[C['access']];
      const caller = (await check(c, deps)) as Callers[C['access']];
      const params = paramsOf(c, contract, options.malformed) as ParamsOf<C>;
      const body = (contract.body ? parseJson(await readText(c), contract.body) : undefined) as BodyOf<C>;
      if (!contract.body && contract.method !== 'GET') await readNoBody(c);
      const answer = await handler(c, { params, body, caller });
      if (isDeferred(caller) && !caller.checked) {
        throw new Error(`${contract.operationId} answered without finishing its caller's ${contract.access} check`);
      }
      if (contract.conditional && answer.status === 200) return conditionally(c, answer.body);
      return c.json(answer.body as object, answer.status as ContentfulStatusCode);
    });
  }

  return function route<
    const C extends Omit<RouteContract, 'params'> &
      Partial<Pick<RouteContract, 'params'>> & { access: keyof Callers & Access },
  >(
    declared: C,
    handlerOf: (deps: Deps) => Handler<ReturnType<typeof defineRoute<C>>, Callers[C['access']]>,
  ): Route<Deps> & { contract: ReturnType<typeof defineRoute<C>> } {
    const contract = defineRoute(declared);
    return { contract, register: (app, deps) => register(app, deps, contract as never, handlerOf(deps) as never) };
  };
}
