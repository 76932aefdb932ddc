/**
 * Every answer a test receives is checked against its route's contract (the
 * same contracts the OpenAPI documents are generated from): a documented
 * status and a body of the documented shape. A route answering outside its
 * contract fails the test that saw it.
 */
import { contractProblem, matchPath, type RouteContract } from '../../shared/common/http/contract.js';
import { withBuiltins, type ApiDocument } from '../../shared/common/http/builtins.js';

export function contractsOf(documents: readonly ApiDocument[]): RouteContract[] {
  return withBuiltins(documents).flatMap((d) => d.routes);
}

/** Throws when `res` leaves the contract of the route that answered `method path`. */
export async function checkAgainstContract(
  contracts: RouteContract[],
  method: string,
  path: string,
  res: Response,
): Promise<void> {
  const pathname = new URL(path, 'http://x').pathname;
  const route = contracts.find((r) => r.method === method && matchPath(r.path, pathname));
  const text = await res.clone().text();
  const body: unknown = route?.contentType === 'text/html' ? text : text ? JSON.parse(text) : undefined;
  const problem = route
    ? contractProblem(route, res.status, body)
    : [404, 405].includes(res.status) &&
        ['not_found', 'method_not_allowed'].includes((body as { code?: string })?.code ?? '')
      ? undefined
      : `${res.status} for a path no contract describes`;
  if (problem)
    throw new Error(`${method} ${pathname} answered outside its contract: ${problem}\n${text.slice(0, 500)}`);
}
