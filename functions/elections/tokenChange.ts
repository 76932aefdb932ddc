import type { Context } from 'hono';
import { ApiError, type AppEnv } from '../../shared/common/http/index.js';
import { withTenant, type Tx } from '../../shared/common/db/index.js';
import type { ElectionsDeps } from './deps.js';
import { beforeDeadline, msLeft } from './requireSignature.js';

/**
 * A change to an election's token hashes (registering, withdrawing), signed by
 * the registry: in the org's transaction, committed only before the signed
 * deadline; idempotent by the hashes themselves, so no request record is kept.
 */
export async function changeTokens<T>(
  c: Context<AppEnv>,
  deps: ElectionsDeps,
  target: { orgId: string; electionId: string; tokenHashes: string[] },
  change: (tx: Tx, electionId: string, hashes: Buffer[]) => Promise<T | 'not_open' | 'unknown_election'>,
): Promise<T> {
  const hashes = target.tokenHashes.map((h) => Buffer.from(h, 'base64url'));
  const result = await withTenant(
    deps.sql,
    target.orgId,
    async (tx) => {
      const done = await change(tx, target.electionId, hashes);
      beforeDeadline(c);
      return done;
    },
    msLeft(c),
  );
  if (result === 'unknown_election') throw new ApiError('unknown_election', 'unknown election');
  if (result === 'not_open') throw new ApiError('election_not_open', 'the election is closed');
  return result;
}
