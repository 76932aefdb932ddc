import { ReceiptResponse, ReceiptStatusRequest } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import { findReceipt } from '../findReceipt.js';
import { route } from '../route.js';

/** `POST /v1/elections/{id}/receipt-status` `{receipt}`: counted, queued, or 404. */
export default route(
  {
    operationId: 'receiptStatus',
    method: 'POST',
    path: '/v1/elections/:id/receipt-status',
    tag: 'verification',
    summary: 'Check a receipt, the receipt in the body',
    description:
      'As GET …/receipts/{receipt}, with the receipt in the body so that it stands in no URL a request log keeps: ' +
      'what the web app asks while a queued ballot is being counted. counted, queued, or 404 unknown_receipt.',
    access: 'public',
    body: ReceiptStatusRequest,
    example: { receipt: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg' },
    responses: { 200: ReceiptResponse },
    errors: ['unknown_election', 'unknown_receipt', 'overloaded'],
  },
  (deps) =>
    async (c, { params, body }) => {
      const election = await namedElection(c, deps, params.id);
      return { status: 200, body: { status: await findReceipt(deps, election, body.receipt) } };
    },
);
