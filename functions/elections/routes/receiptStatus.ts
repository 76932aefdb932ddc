import type { App } from '../../../shared/common/http/index.js';
import { Uuid } from '../../../schemas/common.js';
import { ReceiptResponse, ReceiptStatusRequest } from '../../../schemas/api.js';
import { namedElection } from '../namedElection.js';
import { findReceipt } from '../findReceipt.js';
import type { ElectionsDeps } from '../deps.js';
import { route } from '../route.js';
import { defineRoute } from '../../../shared/common/http/contract.js';

export const contract = defineRoute({
  operationId: 'receiptStatus',
  method: 'POST',
  path: '/v1/elections/:id/receipt-status',
  tag: 'verification',
  summary: 'Check a receipt, the receipt in the body',
  description:
    'As GET …/receipts/{receipt}, with the receipt in the body so that it stands in no URL a request log keeps: ' +
    'what the web app asks while a queued ballot is being counted. counted, queued, or 404 unknown_receipt.',
  access: 'public',
  params: { id: Uuid },
  body: ReceiptStatusRequest,
  example: { receipt: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg' },
  responses: { 200: ReceiptResponse },
  errors: ['unknown_election', 'unknown_receipt', 'overloaded'],
});

/** `POST /v1/elections/{id}/receipt-status` `{receipt}`: counted, queued, or 404. */
export function register(app: App, deps: ElectionsDeps): void {
  route(app, deps, contract, async (c, { params, body }) => {
    const election = await namedElection(c, deps, params.id);
    return { status: 200, body: { status: await findReceipt(deps, election, body.receipt) } };
  });
}
