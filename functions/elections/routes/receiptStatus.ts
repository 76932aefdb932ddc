import { parseJson, readText, type App } from '../../../shared/common/http/index.js';
import { Uuid } from '../../../schemas/common.js';
import { ReceiptResponse, ReceiptStatusRequest } from '../../../schemas/api.js';
import { electionOf } from '../electionOf.js';
import type { ElectionsDeps } from '../deps.js';
import { defineRoute } from '../../../shared/common/http/contract.js';
import { receiptStatus } from './receipts.js';

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
  app.post(contract.path, async (c) => {
    const election = await electionOf(c, deps);
    const body = parseJson(await readText(c), ReceiptStatusRequest);
    const response: ReceiptResponse = { status: await receiptStatus(deps, election, body.receipt) };
    return c.json(response, 200);
  });
}
