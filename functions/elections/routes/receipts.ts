import { ApiError, type App } from '../../../shared/common/http/index.js';
import { base64Url32Pattern } from '../../../schemas/common.js';
import type { ReceiptResponse } from '../../../schemas/api.js';
import { receiptExists } from '../../../shared/ballot_box/db/index.js';
import { electionOf } from '../electionOf.js';
import { asOverload } from '../overload.js';
import type { ElectionsDeps } from '../deps.js';

export type { ReceiptResponse };

/** `GET /v1/elections/{id}/receipts/{receipt}`: anyone holding a receipt can check it was counted. */
export function register(app: App, deps: ElectionsDeps): void {
  app.get('/v1/elections/:id/receipts/:receipt', async (c) => {
    const election = await electionOf(c, deps);
    const receipt = c.req.param('receipt');
    const found = base64Url32Pattern.test(receipt)
      ? await deps.gate.run(() => receiptExists(deps.sql, election.orgId, election.id, receipt)).catch(asOverload)
      : false;
    if (!found) throw new ApiError('unknown_receipt', 'no ballot has this receipt');
    const response: ReceiptResponse = { status: 'counted' };
    return c.json(response, 200);
  });
}
