import { ApiError, type App } from '../../../shared/common/http/index.js';
import { Base64Url32, base64Url32Pattern, Uuid } from '../../../schemas/common.js';
import { ReceiptResponse as ReceiptAnswer, type ReceiptResponse } from '../../../schemas/api.js';
import { receiptExists } from '../../../shared/ballot_box/db/index.js';
import { electionOf } from '../electionOf.js';
import { asOverload } from '../overload.js';
import type { ElectionsDeps } from '../deps.js';
import type { CachedElection } from '../definitionCache.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export type { ReceiptResponse };

export const contract = defineRoute({
  operationId: 'checkReceipt',
  method: 'GET',
  path: '/v1/elections/:id/receipts/:receipt',
  tag: 'verification',
  summary: 'Check a receipt',
  description:
    'Anyone holding a receipt can check that its ballot was counted: counted, or queued while the queue fallback has accepted it and not yet applied it (poll again after a second or two); 404 unknown_receipt otherwise.',
  access: 'public',
  params: { id: Uuid, receipt: Base64Url32 },
  responses: { 200: ReceiptAnswer },
  errors: ['unknown_election', 'unknown_receipt', 'overloaded'],
});

/**
 * `GET /v1/elections/{id}/receipts/{receipt}`: anyone holding a receipt can
 * check it was counted, or (under the queue fallback) that it is still queued.
 * The web app asks with the receipt in a body instead (receiptStatus.ts), so
 * it never stands in a URL a request log keeps.
 */
export function register(app: App, deps: ElectionsDeps): void {
  app.get(contract.path, async (c) => {
    const election = await electionOf(c, deps);
    const response: ReceiptResponse = { status: await receiptStatus(deps, election, c.req.param('receipt')) };
    return c.json(response, 200);
  });
}

/** Counted, queued, or 404 unknown_receipt. */
export async function receiptStatus(
  deps: ElectionsDeps,
  election: CachedElection,
  receipt: string,
): Promise<ReceiptResponse['status']> {
  const counted = async () =>
    base64Url32Pattern.test(receipt)
      ? await deps.gate.run(() => receiptExists(deps.sql, election.orgId, election.id, receipt)).catch(asOverload)
      : false;
  const inQueue = async () =>
    deps.queue && base64Url32Pattern.test(receipt)
      ? await deps.queue.ballots.queued(election.id, receipt).catch(() => {
          throw new ApiError('overloaded', 'the ballot queue did not answer; retry shortly');
        })
      : false;
  // Not counted and not in the queue may be a task applied in between: its ballot is then counted.
  let found = await counted();
  const queued = !found && (await inQueue());
  if (!found && !queued && deps.queue) found = await counted();
  if (!found && !queued) throw new ApiError('unknown_receipt', 'no ballot has this receipt');
  return found ? 'counted' : 'queued';
}
