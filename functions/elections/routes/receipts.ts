import { ReceiptResponse } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import { findReceipt } from '../findReceipt.js';
import { route } from '../route.js';

/**
 * `GET /v1/elections/{id}/receipts/{receipt}`: anyone holding a receipt can
 * check it was counted, or (under the queue fallback) that it is still queued.
 * The web app asks with the receipt in a body instead (receiptStatus.ts), so
 * it never stands in a URL a request log keeps.
 */
export default route(
  {
    operationId: 'checkReceipt',
    method: 'GET',
    path: '/v1/elections/:id/receipts/:receipt',
    tag: 'verification',
    summary: 'Check a receipt',
    description:
      'Anyone holding a receipt can check that its ballot was counted: counted, or queued while the queue fallback has accepted it and not yet applied it (poll again after a second or two); 404 unknown_receipt otherwise.',
    access: 'public',
    responses: { 200: ReceiptResponse },
    errors: ['unknown_election', 'unknown_receipt', 'overloaded'],
  },
  (deps) =>
    async (c, { params }) => {
      const election = await namedElection(c, deps, params.id);
      return { status: 200, body: { status: await findReceipt(deps, election, params.receipt) } };
    },
);
