import { ApiError } from '../../shared/common/http/index.js';
import { receiptExists } from '../../shared/ballot_box/db/index.js';
import type { ReceiptResponse } from '../../schemas/api.js';
import { asOverload } from './overload.js';
import type { CachedElection } from './definitionCache.js';
import type { ElectionsDeps } from './deps.js';

/**
 * Where a receipt's ballot is: counted, or (under the queue fallback) still
 * queued; 404 unknown_receipt otherwise. Not counted and not in the queue may
 * be a task applied in between: its ballot is then counted, so it is looked
 * for again.
 */
export async function findReceipt(
  deps: ElectionsDeps,
  election: CachedElection,
  receipt: string,
): Promise<ReceiptResponse['status']> {
  const counted = () =>
    deps.gate.run(() => receiptExists(deps.sql, election.orgId, election.id, receipt)).catch(asOverload);
  const inQueue = async () =>
    deps.queue
      ? await deps.queue.ballots.queued(election.id, receipt).catch(() => {
          throw new ApiError('overloaded', 'the ballot queue did not answer; retry shortly');
        })
      : false;
  let found = await counted();
  const queued = !found && (await inQueue());
  if (!found && !queued && deps.queue) found = await counted();
  if (!found && !queued) throw new ApiError('unknown_receipt', 'no ballot has this receipt');
  return found ? 'counted' : 'queued';
}
